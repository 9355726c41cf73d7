load = 7
for x in range(3)
    print(x)
