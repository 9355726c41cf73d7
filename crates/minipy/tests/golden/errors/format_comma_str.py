name = 'load'
print(f"{name:,}")
