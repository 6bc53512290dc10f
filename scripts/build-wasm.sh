#!/usr/bin/env bash
# Builds the wasm core and binds it into extension/pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each wasm flavour gets its own target dir: build-std artefacts of one flavour
# break another ("duplicate lang item in crate core").
TARGET_DIR=target/wasm-release
# Debian's wasm-opt (binaryen 108) cannot parse reference-types code such as the
# table.fill that wasm-bindgen emits for externref, so build for the MVP plus the
# features binaryen 108 and every supported browser have.
export RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  cargo build --lib --release --target wasm32-unknown-unknown --target-dir "$TARGET_DIR"
else
  RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    /usr/bin/cargo build --lib --release --target wasm32-unknown-unknown --target-dir "$TARGET_DIR" \
      -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
fi

WASM="$TARGET_DIR/wasm32-unknown-unknown/release/rapport.wasm"
rm -rf extension/pkg
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir extension/pkg "$WASM"
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  -o extension/pkg/rapport_bg.wasm extension/pkg/rapport_bg.wasm
