print(sorted([3, "a"]))
