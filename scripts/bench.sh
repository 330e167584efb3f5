#!/usr/bin/env bash
# `make bench`: the portal's speed, measured on this machine and written as
# figures (never asserted). Seeds a release build's on-disk store with 22,000
# members, then loads the main endpoints with oha next to the same server
# answering a static file of the same size (the floor), and reports
# requests/s, p50/p95/p99 and each endpoint's ratio to its floor, plus
# start-up time, memory, first-load bundle size and browser timings.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=${CARGO_TARGET_DIR:-$HOME/.cache/shifters-portal/target}
MEMBERS=${BENCH_MEMBERS:-22000}
SECONDS_EACH=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-4090}
WORK=$TARGET/bench
PASSWORD=mot-de-passe-bench-2026
BASE=http://127.0.0.1:$PORT
REPORT=$WORK/report.md

command -v oha >/dev/null || cargo install oha --locked
cargo build --release --locked -p server --bin portal
PORTAL=$TARGET/release/portal
DB=surrealkv://$WORK/portal.db

if [ ! -f "$WORK/seeded-$MEMBERS" ]; then
  rm -rf "$WORK" && mkdir -p "$WORK"
  echo "Seeding $MEMBERS members (release build)…"
  start=$(date +%s.%N)
  "$PORTAL" --db "$DB" seed --members "$MEMBERS" --demo-password "$PASSWORD" >/dev/null
  awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }" > "$WORK/seed-seconds"
  touch "$WORK/seeded-$MEMBERS"
fi

# The static floor lives next to the app's files.
STATIC=$WORK/static
rm -rf "$STATIC" && mkdir -p "$STATIC"
if [ -d dist ]; then cp -r dist/. "$STATIC/"; else echo '<!DOCTYPE html><title>Portail</title>' > "$STATIC/index.html"; fi

start=$(date +%s.%N)
RUST_LOG=warn "$PORTAL" --db "$DB" serve --bind "127.0.0.1:$PORT" --static-dir "$STATIC" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
# A server that cannot start (the store locked by another process) ends
# the run rather than leaving it waiting.
until curl -sf "$BASE/healthz" >/dev/null; do
  kill -0 $SERVER 2>/dev/null || { echo "the server did not start" >&2; exit 1; }
  sleep 0.05
done
STARTUP=$(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }")

sign_in() { # email → the session cookie
  curl -s -D - -o /dev/null -H 'content-type: application/json' -H "origin: $BASE" \
    -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" "$BASE/api/auth/login" \
    | grep -i '^set-cookie:' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/' | tr -d '\r'
}
COOKIE=$(sign_in membre@example.org)

# Besides the members, what years of use leave (issue 21): a register of
# 2,000 needs, 300 mission cards, 5,000 support requests, created once
# through the API as members and the board would (scripts/bench-fill.py).
NEEDS=${BENCH_NEEDS:-2000}
FILLED=$WORK/filled-$NEEDS
if [ ! -f "$FILLED" ]; then
  python3 scripts/bench-fill.py "$BASE" "$PASSWORD" "$NEEDS" "${BENCH_MISSIONS:-300}" "${BENCH_REQUESTS:-5000}"
  touch "$FILLED"
fi

# name | endpoint | body
ENDPOINTS=(
  'directory, no filter|directory/search|{"query":{}}'
  'directory, text search|directory/search|{"query":{"text":"développement"}}'
  'directory, text + region + open|directory/search|{"query":{"text":"data","region":["Bretagne"],"open":true}}'
  'directory, sort by seniority|directory/search|{"query":{"sort":"seniority","page":3}}'
  'needs register (page 1)|needs/register|{"page":1}'
  'needs register, text search|needs/register|{"query":{"text":"visioconférence"},"page":1}'
  'needs, whole list (choosers)|needs/list|{}'
  'missions list|missions/list|{}'
  'missions for you|missions/list|{"filter":{"open_only":false,"for_you":true}}'
  'support request (write)|support/create|{"category":"it_tools","urgency":"normal","subject":"Mesure de charge","description":"Une demande créée par le banc de mesure."}'
)

run_oha() { # url [extra args…] → JSON summary
  local url=$1; shift
  oha -z "${SECONDS_EACH}s" -c "$CONNECTIONS" --no-tui --output-format json "$@" "$url"
}

{
  echo "# make bench, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Release build, SurrealKV on disk, $MEMBERS members; oha, $CONNECTIONS connections, ${SECONDS_EACH} s per line; $(nproc) cores."
  echo "Seed: $(cat "$WORK/seed-seconds") s. Start-up to a healthy /healthz: ${STARTUP} s."
  echo
  echo "| Endpoint | Bytes | req/s | p50 ms | p95 ms | p99 ms | static floor req/s | floor p95 ms | ratio (floor req/s ÷ req/s) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$REPORT"

for line in "${ENDPOINTS[@]}"; do
  IFS='|' read -r name endpoint body <<<"$line"
  url=$BASE/api/$endpoint
  bytes=$(curl -s -H 'content-type: application/json' -H "origin: $BASE" -H "cookie: $COOKIE" -d "$body" "$url" | wc -c)
  floor=floor-${endpoint//\//-}-$bytes.json
  head -c "$bytes" /dev/zero | tr '\0' 'x' > "$STATIC/$floor"
  api=$(run_oha "$url" -m POST -H 'content-type: application/json' -H "origin: $BASE" -H "cookie: $COOKIE" -d "$body")
  static=$(run_oha "$BASE/$floor")
  python3 - "$name" "$bytes" "$api" "$static" >> "$REPORT" <<'PY'
import json, sys
name, size, api, static = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
def ms(run, p):
    return run["latencyPercentiles"][p] * 1000
codes = api.get("statusCodeDistribution", {})
if set(codes) - {"200"}:
    print(f"<!-- {name}: status codes {codes} -->")
a, s = api["summary"]["requestsPerSec"], static["summary"]["requestsPerSec"]
print(f"| {name} | {size} | {a:,.0f} | {ms(api,'p50'):.1f} | {ms(api,'p95'):.1f} | {ms(api,'p99'):.1f} "
      f"| {s:,.0f} | {ms(static,'p95'):.1f} | {s/a:,.1f} |")
PY
done

# The whole directory downloaded in each format (the member's view): time,
# size, and the server's memory before and after. The file is streamed a
# few hundred members at a time, so memory must not grow with its size.
# The vCard is read back by Python's vobject (tools/venv), card by card.
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$SERVER/status"; }
VOBJECT=${PORTAL_TEST_PYTHON:-tools/venv/bin/python}
{
  echo
  echo "| Download of the whole directory | Members | MiB | seconds | server RSS before MiB | after MiB |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
} >> "$REPORT"
for format in excel outlook vcard; do
  before=$(rss)
  stats=$(curl -s -o "$WORK/export.$format" -w '%{time_total} %{size_download}' \
    -H "cookie: $COOKIE" "$BASE/api/directory/export/$format")
  after=$(rss)
  read -r seconds size <<<"$stats"
  if [ "$format" = vcard ]; then
    members=$(grep -c '^BEGIN:VCARD' "$WORK/export.$format")
  else
    members=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""), delimiter=sys.argv[2])) - 1)' \
      "$WORK/export.$format" "$([ "$format" = excel ] && echo ';' || echo ',')")
  fi
  awk -v f="$format" -v m="$members" -v b="$size" -v s="$seconds" -v r0="$before" -v r1="$after" \
    'BEGIN { printf "| %s | %d | %.1f | %.2f | %d | %d |\n", f, m, b / 1048576, s, r0, r1 }' >> "$REPORT"
done
if [ -x "$VOBJECT" ]; then
  parsed=$("$VOBJECT" -c 'import sys, vobject; print(sum(1 for _ in vobject.readComponents(open(sys.argv[1], encoding="utf-8").read(), validate=True)))' "$WORK/export.vcard")
  echo "vCard read back by vobject: $parsed cards, every line ≤ 75 octets: $(LC_ALL=C awk '{ if (length($0) > 76) bad++ } END { print bad ? "no" : "yes" }' "$WORK/export.vcard")." >> "$REPORT"
else
  echo "(vobject missing: run scripts/install-deps.sh)" >> "$REPORT"
fi

# The Comptes page at this size (issue 16): POST /api/admin/users as an
# administrator, one request at a time, 40 per filter.
ADMIN_COOKIE=$(sign_in admin@example.org)
ACCOUNT_QUERIES=(
  'page 1, no filter|{"query":{},"page":1}'
  'page 400, no filter|{"query":{},"page":400}'
  'state never_signed_in|{"query":{"state":"never_signed_in"},"page":1}'
  'region "Bretagne"|{"query":{"region":"Bretagne"},"page":1}'
  'text "camille"|{"query":{"text":"camille"},"page":1}'
  'role admin|{"query":{"role":"admin"},"page":1}'
)
{
  echo
  echo "| Comptes page (admin/users) | Matches | p50 ms | p95 ms | max ms |"
  echo "| --- | ---: | ---: | ---: | ---: |"
} >> "$REPORT"
for line in "${ACCOUNT_QUERIES[@]}"; do
  IFS='|' read -r name body <<<"$line"
  total=$(curl -s -H 'content-type: application/json' -H "origin: $BASE" -H "cookie: $ADMIN_COOKIE" \
    -d "$body" "$BASE/api/admin/users" | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')
  run=$(oha -n 40 -c 1 --no-tui --output-format json -m POST -H 'content-type: application/json' \
    -H "origin: $BASE" -H "cookie: $ADMIN_COOKIE" -d "$body" "$BASE/api/admin/users")
  python3 - "$name" "$total" "$run" >> "$REPORT" <<'PY'
import json, sys
name, total, run = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
p = run["latencyPercentiles"]
print(f"| {name} | {total:,} | {p['p50']*1000:.0f} | {p['p95']*1000:.0f} | {run['summary']['slowest']*1000:.0f} |")
PY
done

RSS=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER/status")
HWM=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER/status")
{
  echo
  echo "Server memory after the run: RSS $((RSS / 1024)) MiB (peak $((HWM / 1024)) MiB)."
  echo
  scripts/bundle-size.sh "$STATIC"
} >> "$REPORT"

if [ -d dist ] && [ -d end2end/node_modules ]; then
  echo >> "$REPORT"
  (cd end2end && BENCH_URL=$BASE BENCH_PASSWORD=$PASSWORD npx playwright test --config bench.config.ts) \
    | grep '^|' >> "$REPORT" || echo "(browser timings failed)" >> "$REPORT"
fi

# The directory's own timings (search, filters, facet counts) on the same
# store, once the server has let go of it.
kill $SERVER 2>/dev/null || true
wait $SERVER 2>/dev/null || true
echo >> "$REPORT"
"$PORTAL" --db "$DB" bench directory >> "$REPORT"

# The same as in a container limited to 1 GiB: SurrealKV sizes its memtable
# and block cache from the memory limit the process reads (the cgroup's,
# inside a container; otherwise the host's: 1 GiB and 11 GiB here). Shown by
# letting the portal read a 1 GiB limit in a mount namespace of its own, on
# a copy of the store (root and cgroup v1 only; skipped otherwise).
LIMIT_FILE=/sys/fs/cgroup/memory/memory.limit_in_bytes
if [ -f "$LIMIT_FILE" ] && unshare -m true 2>/dev/null; then
  LIMITED=$WORK/limited.db
  rm -rf "$LIMITED" && cp -a "$WORK/portal.db" "$LIMITED"
  echo $((1024 * 1024 * 1024)) > "$WORK/memory-limit"
  {
    echo
    echo "As in a container limited to 1 GiB (memtable 128 MiB, block cache 16 MiB):"
    unshare -m sh -c "mount --bind '$WORK/memory-limit' $LIMIT_FILE \
      && exec '$PORTAL' --db 'surrealkv://$LIMITED' bench directory" | grep -E "^Directory|all 4200|^Resident"
  } >> "$REPORT" || echo "(the 1 GiB run failed)" >> "$REPORT"
  rm -rf "$LIMITED"
fi

cat "$REPORT"
