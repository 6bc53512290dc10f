#!/usr/bin/env bash
# Builds the three wasm modules and binds them into extension/pkg/:
#   rapport.js       / rapport_bg.wasm        the analyser (background)
#   rapport_popup.js / rapport_popup_bg.wasm  the popup's renderers (no analyser, no store)
#   rapport_ui.js    / rapport_ui_bg.wasm     the options page and the history store
#                                             (options page; background, on demand)
set -euo pipefail
cd "$(dirname "$0")/.."

# Each wasm flavour gets its own target dir: build-std artefacts of one flavour
# break another ("duplicate lang item in crate core").
TARGET_DIR=target/wasm-release
# Debian's wasm-opt (binaryen 108) cannot parse reference-types code such as the
# table.fill that wasm-bindgen emits for externref, so build for the MVP plus the
# features binaryen 108 and every supported browser have.
# Panics abort at once in the wasm, with no message formatting or unwinding
# code (-Cpanic=immediate-abort, which needs the std rebuilt with it): the
# analyser module must stay under 200 KB, and every panic is a bug the native
# tests catch with full messages. Set here, not in the profile, so that a
# fresh `cargo test --release` still unwinds.
export CARGO_PROFILE_RELEASE_PANIC=immediate-abort
export RUSTFLAGS="-Zunstable-options -C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"

# One toolchain for every machine, so the module is the same everywhere:
# Debian's rustc-web with the std rebuilt for wasm32 (rustup's wasm32 std, where
# a developer has it, cannot be rebuilt with immediate-abort on stable).
cargo_wasm() {
  RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    /usr/bin/cargo build -p rapport-web --lib --release --target wasm32-unknown-unknown --target-dir "$TARGET_DIR" \
      -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size -Zpanic-immediate-abort "$@"
}

OUT=$TARGET_DIR/wasm32-unknown-unknown/release
STAGE=$TARGET_DIR/stage
mkdir -p "$STAGE"
# The analyser without the lexicon's texts and phrases: the background
# installs them from pkg/lexicon.json (written below by the native CLI from
# the same lexicon, checked by a fingerprint), DESIGN.md.
cargo_wasm --features external-lexicon
cp "$OUT/rapport_web.wasm" "$STAGE/rapport.wasm"
cargo_wasm --no-default-features --features popup
cp "$OUT/rapport_web.wasm" "$STAGE/rapport_popup.wasm"
cargo_wasm --no-default-features --features ui
cp "$OUT/rapport_web.wasm" "$STAGE/rapport_ui.wasm"

rm -rf extension/pkg
mkdir -p extension/pkg
# A native build: without the wasm flags and panic strategy exported above.
env -u RUSTFLAGS -u CARGO_PROFILE_RELEASE_PANIC \
  cargo run --release --quiet --bin rapport -- export-lexicon extension/pkg/lexicon.json
# The facts the extension's scripts share with the core (src/facts.rs).
env -u RUSTFLAGS -u CARGO_PROFILE_RELEASE_PANIC \
  cargo run --release --quiet --bin rapport -- export-facts extension/pkg/facts.js
for name in rapport rapport_popup rapport_ui; do
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir extension/pkg "$STAGE/$name.wasm"
  # The analyser runs on every keystroke: -O3 cost it about 1.5 KB and saved
  # about a tenth of the instructions per analysis (DESIGN.md). The page
  # modules only render, so they stay as small as they can.
  if [ "$name" = rapport ]; then level=-O3; else level=-Oz; fi
  wasm-opt "$level" --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    -o "extension/pkg/${name}_bg.wasm" "extension/pkg/${name}_bg.wasm"
done
