#!/usr/bin/env bash
# Starts the portal with demo data. Demo password: PORTAL_DEMO_PASSWORD, else the
# one generated on the first run and kept in .demo-password (so it stays valid).
set -euo pipefail
cd "$(dirname "$0")/.."
portal=$1
if [ -z "${PORTAL_DEMO_PASSWORD:-}" ]; then
  if [ ! -s .demo-password ]; then
    # Read a bounded amount: an endless `tr </dev/urandom | head` dies of SIGPIPE under pipefail.
    head -c 1024 /dev/urandom | LC_ALL=C tr -dc 'A-HJ-NP-Za-km-z2-9' | cut -c1-16 >.demo-password
  fi
  PORTAL_DEMO_PASSWORD=$(cat .demo-password)
  export PORTAL_DEMO_PASSWORD
fi
mkdir -p data
exec "$portal" serve --demo --static-dir dist
