"""Regenerates the golden expectations by running real CPython on every .py file here.

    python3 regen.py           rewrite <name>.out (stdout) and <name>.err ("line N" + "Error: message")
    python3 regen.py --check   exit 1 if any committed expectation differs from what CPython says

The Rust test (tests/golden.rs) runs minipy on the same files and compares with the committed
expectations, so minipy and CPython cannot drift apart unnoticed.
"""
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


def cpython(path):
    proc = subprocess.run(
        [sys.executable, "-X", "utf8", "-I", path.name],
        cwd=path.parent, capture_output=True, text=True, timeout=60,
    )
    err = None
    if proc.returncode != 0:
        lines = [l for l in proc.stderr.splitlines() if l.strip()]
        headline = lines[-1]
        line_numbers = re.findall(r'File "[^"]*", line (\d+)', proc.stderr)
        err = f"line {line_numbers[-1]}\n{headline}\n"
    return proc.stdout, err


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("the expectations are CPython 3.11's: run this with python3.11")
    check = "--check" in sys.argv
    stale = []
    for path in sorted(HERE.rglob("*.py")):
        if path.name == "regen.py":
            continue
        out, err = cpython(path)
        wanted = {path.with_suffix(".out"): out, path.with_suffix(".err"): err}
        for target, text in wanted.items():
            have = target.read_text(encoding="utf-8") if target.exists() else None
            if have != text:
                stale.append(target.relative_to(HERE))
                if not check:
                    if text is None:
                        target.unlink()
                    else:
                        target.write_text(text, encoding="utf-8")
    if check and stale:
        print("expectations differ from CPython for:", *stale, sep="\n  ")
        sys.exit(1)
    print(f"{'checked' if check else 'regenerated'}: {len(stale)} file(s) {'stale' if check else 'updated'}")


if __name__ == "__main__":
    main()
