xs = reversed(7)
