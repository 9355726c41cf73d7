d = {}
d.append(1)
