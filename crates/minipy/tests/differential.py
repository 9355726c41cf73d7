"""Differential test: random expressions through CPython and minipy, outputs compared.

    cargo build --release -p minipy --example batch
    python3 differential.py path/to/batch [count] [seed] [--statements]

Run from crates/minipy/tests/. Prints every program whose output or error headline differs. Not run by `cargo test` (it is
random and slow); its finds become golden files.
"""
import contextlib
import io
import random
import re
import signal
import subprocess
import sys

R = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)

ATOMS = ["0", "1", "7", "-3", "2.5", "0.1", "1e16", "-0.0", "True", "False", "None", "'a'", "'its'", "''",
         "'scaling'", "[1, 2, 3]", "[]", "(1, 2)", "()", "(5,)", "{'a': 1, 'b': 2}", "{}", "x", "s", "xs", "d",
         "10**9", "3.0", "1/3", "[0.5, 1.25]", "{'k': [1, (2, None)]}", "range(5)", "'%'"]
BINOPS = ["+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", "<=", ">", ">=", "and", "or", "in", "not in", "is", "&", "|"]
CALLS = ["len({})", "sorted({})", "min({})", "max({})", "sum({})", "round({})", "abs({})", "str({})", "int({})",
         "float({})", "bool({})", "list({})", "tuple({})", "repr({})", "round({}, 2)", "round({}, -1)", "{}.upper()",
         "{}.split()", "{}.get('a')", "{}.items()", "{}.keys()", "{}.values()", "{}[0]", "{}[-1]", "{}[1:]", "{}[::-1]",
         "f'{{{}}}'", "f'{{{}!r}}'", "f'{{{}:>6}}'", "f'{{{}:.2f}}'", "f'{{{}:,}}'", "f'{{{}:e}}'", "f'{{{}:g}}'",
         "f'{{{}:08.3f}}'", "f'{{{}:^7}}|'", "f'{{{}:+}}'", "f'{{{}:.3}}'", "f'{{{}:%}}'", "not {}", "-{}",
         "[{} for _ in range(2)]", "{{{}: 1}}", "({},)", "{} if x else 0", "sorted({}, reverse=True)", "max({}, default=0)",
         "list(enumerate({}))", "dict(zip('ab', {}))", "'-'.join({})", "{}.count(1)", "{}.index(1)", "{}.find('a')",
         "divmod_({})", "[v for v in {} if v]", "{{k: v for k, v in d.items() if v != {}}}", "{}.strip()",
         "{}.replace('a', 'b')", "{}.startswith('a')", "sum({}, 0.5)", "sorted({}, key=str)", "min({}, key=abs)",
         "{}.lower().title()", "({} or 1) % 3", "-({} or 2) // 3", "x < {} < 10", "any({})", "all({})",
         "{}.get('b', 0)", "len({}) * 1.1", "({}, {{}})[1]", "list(reversed({}))", "d.get({})"]


def expr(depth=0):
    r = R.random()
    if depth > 2 or r < 0.35:
        return R.choice(ATOMS)
    if r < 0.7:
        return f"({expr(depth + 1)} {R.choice(BINOPS)} {expr(depth + 1)})"
    inner = expr(depth + 1)
    template = R.choice(CALLS)
    if template.startswith("f'"):
        # f-strings use double quotes so the single-quoted strings inside stay legal in 3.11.
        if 'f"' in inner or '"' in inner:
            return f"str({inner})"
        template = 'f"' + template[2:-1] + '"'
    return template.format(inner)


PRELUDE = "x = 7\ns = 'Load'\nxs = [3, 1, 2]\nd = {'a': 1, 'b': 2.5}\ndef divmod_(v):\n    return v // 2, v % 2\n"


class Slow(Exception):
    """CPython took too long (e.g. a 10**9-digit power): not a comparison we can make."""


def on_alarm(signum, frame):
    raise Slow()


def cpython(program):
    buf = io.StringIO()
    signal.signal(signal.SIGALRM, on_alarm)
    with contextlib.redirect_stdout(buf):
        try:
            signal.alarm(2)
            exec(compile(program, "<p>", "exec"), {})
        except Slow:
            return None
        except Exception as e:  # noqa: BLE001 - we want every error's headline
            msg = str(e) if not isinstance(e, KeyError) else repr(e.args[0]) if e.args else ""
            if isinstance(e, SyntaxError):
                msg = e.msg
            print(f"!! {type(e).__name__}: {msg}" if msg else f"!! {type(e).__name__}")
        finally:
            signal.alarm(0)
    return buf.getvalue()


NAMES = ["a", "b", "n", "total", "load", "cap"]


def small():
    return R.choice(["0", "1", "2", "3", "7", "-1", "2.5", "'s'", "True", "None", "[]", "{}", "[1, 2]",
                     "{'k': 1}"] + NAMES)


def stmt(depth, indent):
    pad = "    " * indent
    r = R.random()
    name = R.choice(NAMES)
    if depth > 2 or r < 0.35:
        return R.choice([
            f"{pad}{name} = {small()}",
            f"{pad}{name} += {small()}",
            f"{pad}print({small()}, {name})",
            f"{pad}print({name}, end=' ')",
            f"{pad}xs.append({name})",
            f"{pad}d[{small()}] = {name}",
            f"{pad}{name} = {expr(2)}",
            f"{pad}print(f'{{{name}!r:>8}}|{{len(xs)}}')",
        ])
    body = lambda: "\n".join(stmt(depth + 1, indent + 1) for _ in range(R.randint(1, 3)))
    kind = R.choice(["if", "for", "while", "def", "ifelse", "forbreak"])
    if kind == "if":
        return f"{pad}if {name} {R.choice(['>', '==', '!=', 'in'])} {small()}:\n{body()}"
    if kind == "ifelse":
        return f"{pad}if {name}:\n{body()}\n{pad}elif {small()}:\n{body()}\n{pad}else:\n{body()}"
    if kind == "for":
        iterable = R.choice(["range(3)", "xs[:4]", "d", "d.items()", "'ab'", "sorted(d)"])
        return f"{pad}for {name} in {iterable}:\n{body()}"
    if kind == "forbreak":
        return (f"{pad}for i in range(4):\n{pad}    if i == {R.randint(0, 4)}:\n{pad}        "
                f"{R.choice(['break', 'continue'])}\n{body()}\n{pad}else:\n{pad}    print('no break')")
    if kind == "while":
        return f"{pad}k = 0\n{pad}while k < {R.randint(0, 3)}:\n{pad}    k += 1\n{body()}"
    fn = R.choice(["f", "g"])
    return (f"{pad}def {fn}({name}, m=2):\n{body()}\n{pad}    return {R.choice([name, 'm', small(), name + ' * m'])}"
            f"\n{pad}print({fn}({small()}), {fn}({small()}, m={small()}))")


def statements_program():
    return "a = 1\nb = 2\nn = 3\ntotal = 0\nload = 7\ncap = 5\nxs = []\nd = {}\n" + "\n".join(
        stmt(0, 0) for _ in range(R.randint(2, 5))) + "\nprint(a, b, n, total, load, cap, xs, d)\n"


def main():
    batch = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    if "--statements" in sys.argv:
        programs = [statements_program() for _ in range(count)]
    else:
        programs = [PRELUDE + "\n".join(f"print({expr()})" for _ in range(3)) + "\n" for _ in range(count)]
    out = subprocess.run([batch], input="\n#---\n".join(programs), capture_output=True, text=True).stdout
    ours = out.split("\n#---\n")
    bad = 0
    for prog, mine in zip(programs, ours):
        theirs = cpython(prog)
        if theirs is not None and theirs != mine:
            # Known, documented difference: ints beyond 64 bits are refused.
            if "OverflowError: integer" in mine or "10**9" in prog and "too large" in mine:
                continue
            # Known, documented difference: printf-style '%' formatting is refused.
            if "'%' string formatting is not supported" in mine:
                continue
            bad += 1
            print("=" * 60)
            print(prog[len(PRELUDE):] if prog.startswith(PRELUDE) else prog, end="")
            print("--- cpython\n" + theirs + "--- minipy\n" + mine)
    print(f"{bad} of {count} programs differ")


if __name__ == "__main__":
    main()
