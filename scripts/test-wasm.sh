#!/usr/bin/env bash
# Runs the wasm-bindgen tests (tests/wasm.rs) in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# Its own target dir: build-std artefacts of the release build would clash.
TARGET_DIR=target/wasm-test
export RUSTFLAGS="-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  cargo test --target wasm32-unknown-unknown --target-dir "$TARGET_DIR" --features popup,ui --test wasm
else
  RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    /usr/bin/cargo test --target wasm32-unknown-unknown --target-dir "$TARGET_DIR" --features popup,ui --test wasm \
      -Zbuild-std=std,panic_abort
fi
