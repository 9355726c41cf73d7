systems = {'single_node': 1}
for strategy, capacity in systems.items:
    print(strategy)
