def outer(load):
    factor = 2
    def scaled(c):
        return c * factor >= load
    def later():
        return early
    result = {k: scaled(v) for k, v in {"a": 1, "b": 5}.items()}
    early = 1
    return result, later()
print(outer(7))
def counter():
    count = 0
    def show():
        return count
    count = 5
    return show
show = counter()
print(show())
def make():
    def inner():
        return missing_later
    return inner()
