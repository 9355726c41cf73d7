load = 7
print(f'load is {load')
