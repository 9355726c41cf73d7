def outer():
    def inner():
        return x
    y = inner()
    x = 1
    return y
outer()
