#!/usr/bin/env bash
# Runs a command with a real SurrealDB server on loopback (in memory), its
# address in PORTAL_TEST_DB: `make test` runs the integration suite on it.
set -euo pipefail
SURREAL_BIN=${SURREAL_BIN:?build it with make surreal}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 4099)
"$SURREAL_BIN" start --user root --pass root --log warn --bind "127.0.0.1:$port" memory &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "SurrealDB did not start" >&2; exit 1; }
PORTAL_TEST_DB=ws://127.0.0.1:$port PORTAL_TEST_DB_USER=root PORTAL_TEST_DB_PASS=root "$@"
