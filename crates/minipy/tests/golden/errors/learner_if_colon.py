load = 7
if load > 5
    print('high')
