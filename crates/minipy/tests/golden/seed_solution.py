# The capacity-versus-load exercise, solved the way the seed shows it.
systems = {'single_node': 1, 'horizontal_scaling': 5, 'vertical_scaling': 2}
load = 7
can_handle_load = {}
for strategy, capacity in systems.items():
    can_handle_load[strategy] = capacity >= load
print(can_handle_load)
