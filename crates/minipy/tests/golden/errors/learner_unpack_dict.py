systems = {'single_node': 1, 'horizontal_scaling': 5}
for strategy, capacity in systems:
    print(strategy)
