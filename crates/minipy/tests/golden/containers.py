nums = [5, 3, 8, 1]
nums.append(7)
nums.extend([2, 2])
nums.insert(0, 10)
print(nums, len(nums), nums[0], nums[-1], nums[2:5], nums[:2], nums[::-1])
print(nums.pop(), nums.pop(0), nums.index(8), nums.count(2), sorted(nums), sorted(nums, reverse=True))
nums.remove(2)
nums.sort()
print(nums, 8 in nums, 99 not in nums, nums + [0], [0] * 3, [[1, 2], [3]], [])
nums.reverse()
print(nums, list(range(5)), list(range(2, 10, 3)), list(range(5, 0, -2)), range(3), range(1, 10, 2))
t = (1, "two", 3.0, None, True)
print(t, t[1], len(t), (1,), (), t[1:3], tuple([1, 2]), (1, 2) < (1, 3), (1, 2) + (3,))
a, b = 1, 2
a, b = b, a
print(a, b)
d = {"gpu": 4, "cpu": 16}
d["memory"] = 64
d["gpu"] = 8
print(d, d["cpu"], d.get("disk"), d.get("disk", 0), len(d), "gpu" in d, 4 in d)
print(d.keys(), d.values(), d.items(), list(d), list(d.items())[0])
print(d.pop("memory"), d, d.setdefault("tpu", 1), d)
d.update({"gpu": 2}, disk=100)
print(d, dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict(zip(["p", "q"], [1, 2])), {})
print({1: "one", 1.0: "uno", True: "yes", (1, 2): "pair", None: 0, "s": [1, {"k": (2,)}]})
squares = [n * n for n in range(6) if n % 2 == 0]
pairs = [(i, j) for i in range(3) for j in range(i)]
inv = {v: k for k, v in {"a": 1, "b": 2}.items()}
print(squares, pairs, inv, [c.upper() for c in "abc"], sum(x for x in range(101)))
print(list(enumerate(["a", "b"])), list(enumerate("xy", 1)), list(zip([1, 2, 3], "ab")))
print(min([3, 1, 2]), max(["pear", "fig", "apple"], key=len), sorted(["b", "A", "c"]), sorted([3, 1.5, 2]))
print(sorted({"z": 1, "a": 2}), sorted([(2, "b"), (1, "z"), (2, "a")]), any([0, 1]), all([]), all([1, 0]))
matrix = [[0] * 3 for _ in range(2)]
matrix[0][1] = 5
print(matrix, [row[1] for row in matrix], list(reversed([1, 2, 3])))
counts = {}
for word in "the cat and the hat and the bat".split():
    counts[word] = counts.get(word, 0) + 1
print(counts)
del counts["the"]
print(counts, list(counts.values()))
loop = [1]
loop.append(loop)
print(loop)
x = [1, 2]
y = x
y += [3]
print(x, x is y, x == [1, 2, 3], [1, 2] == [1, 2.0], None is None, type(x))
