#!/usr/bin/env bash
# What the browser downloads at first load (index.html, JS, WASM, CSS),
# raw, gzip and brotli, against the budget: 250 KB compressed, aim 150 KB.
# Then each area's chunk, fetched the first time one of its pages opens
# (scripts/wasm-split.sh), with the shared chunks it needs.
set -euo pipefail
DIST=${1:-dist}
split=$(ls -d "$DIST"/app-*/ | head -1)
br() { brotli -q 11 -c "$1" | wc -c; }
echo "| First load | Raw B | gzip B | brotli B |"
echo "| --- | ---: | ---: | ---: |"
total_raw=0 total_gz=0 total_br=0
for f in "$DIST"/index.html "$DIST"/*.css "$split"main.js "$split"main_bg.wasm "$split"__wasm_split.js; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  b=$(br "$f")
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + b))
  echo "| $(basename "$f") | $raw | $gz | $b |"
done
echo "| **Total** | $total_raw | $total_gz | **$total_br** |"
verdict="within the 250 KB budget"
[ "$total_br" -le 250000 ] || verdict="OVER the 250 KB budget"
echo
echo "Brotli total: $total_br B, $verdict (aim: 150 KB)."
echo
echo "| Area chunk (on first visit) | brotli B | with the shared chunks it needs |"
echo "| --- | ---: | ---: |"
all=0
for f in "$split"split_*.wasm; do
  area=$(basename "$f" .wasm | sed -E 's/^split_(.*)_[0-9]+$/\1/')
  own=$(br "$f")
  # The loader lists, above each shared chunk, the areas that need it.
  shared=0
  for c in $(grep -B1 -E "const __chunk_[0-9]+ " "$split"__wasm_split.js | grep -E "^/\*.*\b${area}_[0-9]+" -A1 |
    grep -oE "chunk_[0-9]+" | sort -u); do
    shared=$((shared + $(br "$split$c.wasm")))
  done
  echo "| $area | $own | $((own + shared)) |"
done
for f in "$split"*.wasm; do all=$((all + $(br "$f"))); done
echo
echo "All wasm parts together: $all B brotli."
