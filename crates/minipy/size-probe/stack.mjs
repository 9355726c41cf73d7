// Runs worst-case programs in the release wasm (node: `node stack.mjs path/to/size_probe.wasm`,
// built by `cargo build --release --target wasm32-unknown-unknown --features minipy`). Every
// line must end in an error code (1000000 + kind) or a length, never "TRAP": a trap is a
// stack overflow that would crash the page.
import { readFileSync } from 'fs';
const bytes = readFileSync(process.argv[2]);
async function trial(src, depth) {
  const { instance } = await WebAssembly.instantiate(bytes, {});
  const { memory, alloc, run_depth } = instance.exports;
  const enc = new TextEncoder().encode(src);
  const p = alloc(enc.length);
  new Uint8Array(memory.buffer, p, enc.length).set(enc);
  try { return run_depth(p, enc.length, depth); } catch (e) { return 'TRAP ' + e.message; }
}
const nest = (k, inner) => '['.repeat(k) + inner + ']'.repeat(k);
const cases = {
  'nested recursion to 10**6': `def f(n):\n    if n == 0:\n        return [0]\n    return [f(n - 1)[0] + 1 if n > -1 else 0]\nprint(f(10**6))\n`,
  'plain recursion 99': `def f(n):\n    if n == 0:\n        return 0\n    return f(n - 1) + 1\nprint(f(99))\n`,
  'nested recursion 60': `def f(n):\n    if n == 0:\n        return [0]\n    return [f(n - 1)[0] + 1 if n > -1 else 0]\nprint(f(60))\n`,
  '10-deep list per level': `def f(n):\n    return ${nest(10, 'f(n - 1)')}\nf(10**6)\n`,
  '50-deep list per level': `def f(n):\n    return ${nest(50, 'f(n - 1)')}\nf(10**6)\n`,
  '110-deep parens per level': `def f(n):\n    return ${'('.repeat(110)}f(n - 1)${')'.repeat(110)}\nf(10**6)\n`,
  'deep blocks + recursion': `def f(n):\n` + Array.from({length: 60}, (_, i) => ' '.repeat(4 * (i + 1)) + 'if True:\n').join('') + ' '.repeat(244) + 'return f(n - 1)\nf(10**6)\n',
  'parse+eval 118 nested': `x = ${nest(59, '(' + nest(59, '1') + ',)')}\nprint(len(x))\n`,
  'infinite loop': 'x = 0\nwhile True:\n    x += 1\n',
};
for (const [name, src] of Object.entries(cases)) console.log(name.padEnd(28), await trial(src, 100));
for (const depth of [1000, 5000]) console.log(`plain recursion, call limit ${depth}`.padEnd(28), await trial(cases['plain recursion 99'].replace('f(99)', 'f(10**6)'), depth));
