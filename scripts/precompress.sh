#!/usr/bin/env bash
# Writes .br and .gz next to every text or wasm file of the built front end,
# so the server sends precompressed files instead of compressing on each request.
set -euo pipefail
dir=${1:-dist}
find "$dir" -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' -o -name '*.svg' -o -name '*.txt' -o -name '*.json' \) |
  while read -r f; do
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -9 -k "$f"
  done
