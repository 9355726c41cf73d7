def f(n):
    return 1 / n

print(f(2))
print(f(0))
