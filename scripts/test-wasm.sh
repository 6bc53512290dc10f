#!/usr/bin/env bash
# Runs the wasm-bindgen tests (web/tests/wasm.rs) in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# The analyser module's size budget (issue 5): 200 KB raw, without the
# lexicon's data (pkg/lexicon.json, DESIGN.md), so a change that crosses it
# fails here rather than in a review.
ANALYSER_WASM=extension/pkg/rapport_bg.wasm
ANALYSER_BUDGET=200000
size=$(stat -c %s "$ANALYSER_WASM")
if (( size > ANALYSER_BUDGET )); then
  echo "test-wasm: $ANALYSER_WASM is $size bytes, over its budget of $ANALYSER_BUDGET" >&2
  exit 1
fi
echo "test-wasm: $ANALYSER_WASM is $size bytes (budget $ANALYSER_BUDGET)"

export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# Its own target dir: build-std artefacts of the release build would clash.
TARGET_DIR=target/wasm-test
export RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  cargo test --target wasm32-unknown-unknown --target-dir "$TARGET_DIR" -p rapport-web --features popup,ui --test wasm
else
  RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    /usr/bin/cargo test --target wasm32-unknown-unknown --target-dir "$TARGET_DIR" -p rapport-web --features popup,ui --test wasm \
      -Zbuild-std=std,panic_abort
fi
