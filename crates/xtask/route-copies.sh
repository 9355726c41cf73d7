#!/usr/bin/env bash
# Trunk post_build hook: deep links on a plain static host.
# Copies index.html into a folder per learning mode (dist/lab/index.html, answered 200 after a
# reload) and to 404.html (served by GitHub Pages and most hosts for unknown paths). The modes
# are read from content/modes.toml, the same list the app's mode switcher shows.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
modes="${TRUNK_SOURCE_DIR:-.}/content/modes.toml"
while IFS= read -r slug; do
  [ -n "$slug" ] || continue
  mkdir -p "$staging/$slug"
  cp "$staging/index.html" "$staging/$slug/index.html"
done < <(sed -n 's/^slug = "\([a-z0-9-]*\)"$/\1/p' "$modes")
cp "$staging/index.html" "$staging/404.html"
