#!/usr/bin/env bash
# Trunk post_build hook: a Content-Security-Policy, and deep links on a plain static host.
# Copies index.html into a folder per learning mode (dist/lab/index.html, answered 200 after a
# reload) and to 404.html (served by GitHub Pages and most hosts for unknown paths). The modes
# are read from content/modes.toml, the same list the app's mode switcher shows.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"

# A strict Content-Security-Policy: scripts only from this site, plus Trunk's inline loader by
# its hash (it names the hashed wasm, so the hash changes per build), WebAssembly compilation
# ('wasm-unsafe-eval', never 'unsafe-eval'), no plugins, no foreign connections. Release builds
# only: `trunk serve` injects an inline live-reload script the policy would block.
if [ "${TRUNK_PROFILE:-release}" = "release" ]; then
python3 - "$staging/index.html" <<'PY'
import base64, hashlib, re, sys
path = sys.argv[1]
html = open(path, encoding="utf-8").read()
scripts = re.findall(r"<script type=\"module\">(.*?)</script>", html, re.S)
hashes = " ".join(
    "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
    for s in scripts
)
csp = (
    "default-src 'self'; "
    f"script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  ' + meta, 1)
open(path, "w", encoding="utf-8").write(html)
PY
fi
modes="${TRUNK_SOURCE_DIR:-.}/content/modes.toml"
while IFS= read -r slug; do
  [ -n "$slug" ] || continue
  mkdir -p "$staging/$slug"
  # A page that mounts a bundle (its route names `BundleName::X` in src/routes/<slug>.rs) starts
  # downloading it with the app when opened directly, instead of after the app has started (its
  # largest paint comes from the bundle; figures in ARCHITECTURE.md). The URLs resolve against
  # <base>, as the loader's do, so the bundle's own requests reuse the preloaded responses.
  preload=""
  route="${TRUNK_SOURCE_DIR:-.}/src/routes/${slug//-/_}.rs"
  if [ -f "$route" ]; then
    for bundle in $(sed -n 's/.*BundleName::\([A-Z][A-Za-z]*\).*/\1/p' "$route" | tr 'A-Z' 'a-z' | sort -u); do
      if [ -f "$staging/$bundle.js" ] && [ -f "$staging/${bundle}_bg.wasm" ]; then
        preload+="<link rel=\"modulepreload\" href=\"$bundle.js\"><link rel=\"preload\" href=\"${bundle}_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>"
      fi
    done
  fi
  if [ -n "$preload" ]; then
    sed "s#</head>#$preload</head>#" "$staging/index.html" > "$staging/$slug/index.html"
  else
    cp "$staging/index.html" "$staging/$slug/index.html"
  fi
done < <(sed -n 's/^slug = "\([a-z0-9-]*\)"$/\1/p' "$modes"; echo progress) # + "Your progress" (not a mode)
cp "$staging/index.html" "$staging/404.html"

# Offline after the first visit (release builds): a service worker that precaches the app shell,
# the route copies and the bundles. Its cache name is a hash of what it lists, so a new build
# installs a fresh cache and deletes the old one.
if [ "${TRUNK_PROFILE:-release}" = "release" ]; then
python3 - "$staging" "${TRUNK_SOURCE_DIR:-.}/crates/xtask/sw.js" <<'PY'
import hashlib, json, os, sys
staging, template = sys.argv[1], sys.argv[2]
assets = []
for root, _dirs, files in os.walk(staging):
    for name in files:
        rel = os.path.relpath(os.path.join(root, name), staging).replace(os.sep, "/")
        if rel in ("sw.js", "404.html") or rel.startswith("public/screenshots/"):
            continue
        assets.append(rel)
assets.sort()
digest = hashlib.sha256()
for rel in assets:
    with open(os.path.join(staging, rel), "rb") as f:
        digest.update(rel.encode() + b"\0" + f.read())
version = digest.hexdigest()[:16]
code = open(template, encoding="utf-8").read()
code = code.replace("__VERSION__", version).replace("__ASSETS__", json.dumps(["./"] + assets))
open(os.path.join(staging, "sw.js"), "w", encoding="utf-8").write(code)
PY
fi

