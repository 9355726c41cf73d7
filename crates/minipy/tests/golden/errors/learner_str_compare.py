load = '7'
print(5 >= load)
