systems = {"a": 1}
for strategy, capacity in systems.items():
    print(capcity)
