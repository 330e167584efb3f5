#!/usr/bin/env bash
# Trunk post-build hook (Trunk.toml): the app's wasm, split into chunks.
#
# Each area of the portal is a `#[lazy]` function (app/src/shell/areas.rs), so its
# code lives in a chunk of its own, fetched the first time one of its pages
# opens. Trunk 0.21 cannot split (trunk#1022), so this does what cargo-leptos
# does: rustc's binary linked with relocations (`--emit-relocs`, .cargo/config.toml)
# → wasm-split-cli → wasm-bindgen on the main part → wasm-opt on every part.
# Everything lands in one directory named by its content hash (cached for
# ever by the browser), and index.html gets the loader.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk build (see Trunk.toml)}"

profile=wasm-release
cargo build --locked --target wasm32-unknown-unknown --profile "$profile" -p app --bin app --features csr
raw="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/app.wasm"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-split-cli "$raw" "$work/split"
wasm-bindgen --target web --no-typescript --keep-lld-exports --remove-name-section \
  --remove-producers-section --out-dir "$work/split" --out-name main "$work/split/main.wasm"
rm "$work/split/main.wasm"
# Two at a time (two cores); each part is optimised on its own.
printf '%s\0' "$work"/split/*.wasm |
  xargs -0 -P 2 -I{} wasm-opt -Oz --enable-reference-types {} -o {}

hash=$(cat "$work"/split/* | sha256sum | cut -c1-16)
dir="app-$hash"
chmod 755 "$work/split"
mv "$work/split" "$TRUNK_STAGING_DIR/$dir"
url="${TRUNK_PUBLIC_URL%/}/$dir"
loader="<link rel=\"modulepreload\" href=\"$url/main.js\">"
loader+="<link rel=\"preload\" href=\"$url/main_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>"
loader+="<script type=\"module\">import init from '$url/main.js';init({module_or_path:'$url/main_bg.wasm'});</script>"
# The loader replaces the (skipped) Rust asset and its comment.
sed -i -e '/wasm-split/d' -e "s|^.*data-trunk-skip.*\$|$loader|" "$TRUNK_STAGING_DIR/index.html"
echo "wasm-split: $(ls "$TRUNK_STAGING_DIR/$dir" | wc -l) files in $dir"
