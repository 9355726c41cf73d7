#!/usr/bin/env bash
# Prints the gzip -9 size of the probe cdylib without and with minipy / the exercise checker.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/tmp/minipy-size-probe}"
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/size_probe.wasm"
for features in "" minipy exercise; do
  cargo build -q --release --target wasm32-unknown-unknown --no-default-features ${features:+--features $features}
  printf '%-10s raw %7d  gzip -9 %7d\n' "${features:-baseline}" "$(wc -c < "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
done
