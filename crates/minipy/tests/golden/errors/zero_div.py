nodes = 0
print(10 / nodes)
