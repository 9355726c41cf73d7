# Behaviours the differential test (tests/differential.py) found minipy getting wrong once.
print(range(5)[::-1], range(10)[2:8:2], list(range(10)[-3:]), range(1, 10, 3)[1:])
print('scaling'.index('a'), (3, 1, 3).count(3), (3, 1, 3).index(1), range(5).count(2), range(2, 9).index(4))
print(True & False, True | False, True ^ True, True & 3, {'a': 1} | {'b': 2, 'a': 3})
print(list(reversed({'x': 1, 'y': 2})), list(reversed(range(3))), list(reversed('abc')))
print({range(3): 'r'}[range(0, 3)], 1if True else 2, [x for x in range(4)if x])
print(f"{'%'}", f"{3.0:,}", f"{1234.5:,.1f}", f"{False:e}", f"{-0.0}", f"{2:+}")
print({k: v for k, v in {'a': 1, 'b': 2.5}.items() if v != 1 / 3})
