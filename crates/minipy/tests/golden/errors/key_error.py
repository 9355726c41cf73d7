systems = {"single_node": 1}
print("before")
print(systems["vertical_scaling"])
