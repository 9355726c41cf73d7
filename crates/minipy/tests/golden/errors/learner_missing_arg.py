def check(capacity, load):
    return capacity >= load
print(check(5))
