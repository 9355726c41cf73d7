print('scaling'.index('z'))
