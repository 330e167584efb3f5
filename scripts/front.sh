#!/usr/bin/env bash
# Builds the front end (Trunk, then the split and wasm-opt of every part,
# then precompression), unless its inputs are byte for byte what the last
# build saw: `make run` then starts in seconds instead of re-optimising
# every chunk. The inputs' fingerprint is kept in .front-inputs (not in dist/, which is served).
set -euo pipefail
cd "$(dirname "$0")/.."

fingerprint() {
  {
    find app style public scripts/wasm-split.sh scripts/precompress.sh .cargo \
      index.html Trunk.toml Cargo.toml Cargo.lock rust-toolchain.toml \
      -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum
    # The tools that turn them into dist/.
    rustc -V
    trunk --version
    wasm-bindgen --version
    wasm-opt --version
  } | sha256sum | cut -d' ' -f1
}

wanted=$(fingerprint)
if [[ -f dist/index.html && -f .front-inputs && "$(cat .front-inputs)" == "$wanted" ]]; then
  echo "Front end unchanged since its last build (dist/): build skipped."
  exit 0
fi
rm -f .front-inputs
trunk build --release --offline
scripts/precompress.sh dist
echo "$wanted" > .front-inputs
