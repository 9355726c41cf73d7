systems = {'single_node': 1}
print(systems[single_node])
