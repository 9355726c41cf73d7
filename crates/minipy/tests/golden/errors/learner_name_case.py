systems = {'single_node': 1}
print(Systems)
