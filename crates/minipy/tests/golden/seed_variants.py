systems = {
    "single_node": 1,
    "horizontal_scaling": 5,   # five machines
    "vertical_scaling": 2,
}

load = 7

can_handle_load = {strategy: capacity >= load for strategy, capacity in systems.items()}
print(can_handle_load)

result = {}
for strategy, capacity in systems.items():
    if capacity >= load:
        result[strategy] = True
    else:
        result[strategy] = False
print(result)
print(result == can_handle_load)

# beyond the seed: horizontal scaling of vertically scaled nodes
systems['combined'] = systems['horizontal_scaling'] * systems['vertical_scaling']
for name, capacity in systems.items():
    verdict = "can" if capacity >= load else "cannot"
    print(f"{name:>20}: capacity {capacity:2d} {verdict} handle load {load}")
print(max(systems, key=systems.get), sorted(systems.values()))
print(sum(1 for c in systems.values() if c >= load), "of", len(systems))
