#!/usr/bin/env bash
# Installs whatever the portal needs and is missing, only from the package
# registries (crates.io, npm, Debian). Safe to run again: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: chromium for the browser tests, brotli to precompress
# the front end, node and npm for the npm packages below, curl and python3
# for the test and benchmark scripts.
missing_debs=()
command -v curl >/dev/null || missing_debs+=(curl)
command -v python3 >/dev/null || missing_debs+=(python3)
# The venv of tools/requirements.txt needs ensurepip (Debian ships it apart).
python3 -c 'import ensurepip' 2>/dev/null || missing_debs+=(python3-venv)
command -v chromium >/dev/null || missing_debs+=(chromium)
command -v brotli >/dev/null || missing_debs+=(brotli)
# The mail tests make a certificate for their STARTTLS server.
command -v openssl >/dev/null || missing_debs+=(openssl)
command -v npm >/dev/null || missing_debs+=(nodejs npm)
if [ ${#missing_debs[@]} -gt 0 ]; then
  say "Installation des paquets Debian : ${missing_debs[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_debs[@]}"
fi

# rust-toolchain.toml pins the version the tools below assume. Where the
# installed stable is that version, a link names it so (rustup would
# otherwise download the same toolchain again).
pinned=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
host=$(rustc +stable -vV | sed -n 's/^host: //p')
toolchains=${RUSTUP_HOME:-$HOME/.rustup}/toolchains
if [ ! -e "$toolchains/$pinned-$host" ]; then
  if rustc +stable -V | grep -q "^rustc $pinned "; then
    say "Toolchain $pinned : lien vers stable"
    ln -s "$toolchains/stable-$host" "$toolchains/$pinned-$host"
  else
    say "Installation de la toolchain $pinned"
    rustup toolchain install "$pinned" --profile minimal
  fi
fi
rustc -V | grep -q "^rustc $pinned " || { echo "rustc $(rustc -V), attendu $pinned" >&2; exit 1; }

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  say "Ajout de la cible wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# trunk 0.22 needs a newer rustc than this toolchain: pin 0.21.
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "Installation de trunk 0.21.14 (quelques minutes)"
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
# Not --locked: its lock names a crate version that crates.io no longer has.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${wb_version}\$"; then
  say "Installation de wasm-bindgen-cli ${wb_version}"
  cargo install wasm-bindgen-cli --version "${wb_version}" --force
fi

# The splitter of the app's wasm (scripts/wasm-split.sh), as cargo-leptos uses it.
if ! wasm-split-cli --help >/dev/null 2>&1; then
  say "Installation de wasm-split-cli (quelques minutes)"
  cargo install wasm_split_cli_support --version 0.2.4 --locked --features build-binary
fi

# The formatter of view! bodies, checked by make lint.
if ! leptosfmt --version 2>/dev/null | grep -q '^leptosfmt 0\.1\.33$'; then
  say "Installation de leptosfmt 0.1.33"
  cargo install leptosfmt --version 0.1.33 --locked
fi

# wasm-opt from npm's binaryen (Debian's 108 breaks wasm-bindgen's output).
if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  say "Installation de binaryen (wasm-opt) depuis npm"
  (cd tools && npm ci --no-audit --no-fund)
fi

# Python's vobject, the third-party parser the vCard export is checked with.
if ! cmp -s tools/requirements.txt tools/venv/requirements.txt 2>/dev/null; then
  say "Installation des paquets Python des tests (vobject, aiosmtpd) dans tools/venv"
  rm -rf tools/venv
  python3 -m venv tools/venv
  tools/venv/bin/pip install --quiet --disable-pip-version-check -r tools/requirements.txt
  cp tools/requirements.txt tools/venv/requirements.txt
fi

if [ ! -d end2end/node_modules/@playwright/test ] || [ ! -d end2end/node_modules/@axe-core/playwright ]; then
  say "Installation des paquets npm des tests navigateur"
  (cd end2end && npm ci --no-audit --no-fund)
fi

# Trunk runs offline: fetch every crate first.
cargo fetch --locked >/dev/null
