systems = {'a': 1}
for k in systems:
print(k)
