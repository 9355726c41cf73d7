print('hello', "it's", 'say "hi"', 'both \' and "', 'tab\there', "new\nline")
print(repr('hello'), repr("it's"), repr('say "hi"'), repr('both \' and "'), repr('tab\there'), repr("a\\b"))
print(["it's", 'x', "a\nb", '\x01', 'é', '日本'], ('single',), ())
name = "capacity"
value = 7
ratio = 0.4567
print(f"{name} is {value}", f"{ratio:.2f}", f"{ratio:.1%}", f"{value:>5}|", f"{value:<5}|", f"{value:^5}|", f"{value:05d}")
print(f"{name!r}", f"{name:>12}", f"{1234567:,}", f"{1234567.891:,.2f}", f"{3.0}", f"{1e20}", f"{value=}")
print(f"{'nested'} {{braces}} {[1, 2][0]} {{'k': 1}['k']}", f'{value * 2 + 1}', f"{True} {None}")
print(f"{12.5:e} {0.000123:g} {123456789:g} {2.0:.3} {-4.25:+.1f} {42:x} {255:#X} {5:b}")
s = "  Scaling ML Systems  "
print(s.strip(), s.lower(), s.upper(), s.split(), "a,b,,c".split(","), "-".join(["x", "y", "z"]))
print("abc".replace("b", "B"), "abc".startswith("ab"), "abc".endswith("x"), "abcabc".find("c"), "abcabc".count("a"))
print("hello world".title(), "hello".capitalize(), "123".isdigit(), "abc".isalpha(), len("héllo"), "héllo"[1])
t = "scaling"
print(t[0], t[-1], t[1:4], t[::-1], t[::2], t[10:], t[-3:], "ab" * 3, "x" + "y", "in" in t, "z" not in t)
print("a" < "b", "apple" < "apricot", "Z" < "a", str(3) + "3", "%", 'quote"s')
print("""triple
quoted""", 'con' 'cat' "enated", r"raw\n")
