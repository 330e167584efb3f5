#!/usr/bin/env bash
# What the browser downloads at first load (index.html, JS, WASM, CSS),
# raw, gzip and brotli, against the budget: 250 KB compressed, aim 150 KB.
set -euo pipefail
DIST=${1:-dist}
echo "| First load | Raw B | gzip B | brotli B |"
echo "| --- | ---: | ---: | ---: |"
total_raw=0 total_gz=0 total_br=0
for f in "$DIST"/index.html "$DIST"/*.js "$DIST"/*.wasm "$DIST"/*.css; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  echo "| $(basename "$f") | $raw | $gz | $br |"
done
echo "| **Total** | $total_raw | $total_gz | **$total_br** |"
verdict="within the 250 KB budget"
[ "$total_br" -le 250000 ] || verdict="OVER the 250 KB budget"
echo
echo "Brotli total: $total_br B, $verdict (aim: 150 KB)."
if [ -f "$DIST/staff/index.html" ]; then
  staff_br=0
  for f in "$DIST"/staff/index.html "$DIST"/staff/*.js "$DIST"/staff/*.wasm "$DIST"/staff/*.css; do
    staff_br=$((staff_br + $(brotli -q 11 -c "$f" | wc -c)))
  done
  echo "Staff pages' bundle (dist/staff, loaded only at their addresses, never by members): $staff_br B brotli."
fi
