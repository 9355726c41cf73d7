def capacity_needed(load, per_node=2):
    """How many nodes of `per_node` capacity does `load` need?"""
    nodes = load // per_node
    if load % per_node:
        nodes += 1
    return nodes


print(capacity_needed(7), capacity_needed(8), capacity_needed(7, 3), capacity_needed(per_node=5, load=11))


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print([fib(i) for i in range(15)])

total = 0
i = 0
while True:
    i += 1
    if i % 3 == 0:
        continue
    if i > 10:
        break
    total += i
print(total, i)

for n in range(2, 20):
    for k in range(2, n):
        if n % k == 0:
            break
    else:
        print(n, end=" ")
print()

count = 0


def bump():
    global count
    count += 1
    return count


bump()
bump()
print(count)


def describe(load, strategies):
    lines = []
    for name, cap in strategies.items():
        if cap >= load:
            lines.append(f"{name} ok")
        elif cap * 2 >= load:
            lines.append(f"{name} close")
        else:
            lines.append(f"{name} short by {load - cap}")
    return lines


for line in describe(7, {"single": 1, "horizontal": 5, "vertical": 2, "combined": 10}):
    print(line)


def nothing():
    pass


print(nothing(), nothing() is None)
n = 5
while n > 0:
    n -= 2
else:
    print("done at", n)
if n:
    print("nonzero")
x = 3; y = 4; print(x * y)
if x < y: print("short if")
