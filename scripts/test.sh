#!/usr/bin/env bash
# Every test, in order of cost; stops at the first failing stage and says which.
set -uo pipefail
cd "$(dirname "$0")/.."

stage() {
  local name=$1; shift
  echo "== $name"
  local start=$SECONDS
  if ! "$@"; then
    echo "== $name FAILED after $((SECONDS - start)) s"
    exit 1
  fi
  echo "== $name passed in $((SECONDS - start)) s"
}

stage "cargo fmt" cargo fmt --all --check
stage "cargo clippy" cargo clippy --workspace --all-targets --features rapport-web/popup,rapport-web/ui --quiet -- -D warnings
stage "native tests" cargo test --workspace --release --features rapport-web/popup,rapport-web/ui --quiet
stage "wasm tests (headless Chromium)" ./scripts/test-wasm.sh
stage "web-ext lint" ./scripts/lint-ext.sh
stage "end-to-end (Chromium and Firefox)" node tests/e2e/run.mjs
