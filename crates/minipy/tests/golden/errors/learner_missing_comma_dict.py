systems = {'single_node': 1, 'horizontal_scaling': 5
'vertical_scaling': 2}
