load = 7
print("load is " + load)
