#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing. Idempotent and
# non-interactive: CI runs it on a fresh machine with no standard input.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' web/Cargo.toml)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: could not read the pinned wasm-bindgen version from web/Cargo.toml" >&2; exit 1; }

want_apt=()
# Installed means "install ok installed": `dpkg -s` also succeeds for a package
# that was removed but left its configuration files behind.
need() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ] || want_apt+=("$1")
}

# The wasm toolchain, the same on every machine: Debian's rustc-web building
# std from source with immediate-abort panics (see DESIGN.md).
need rustc-web; need cargo-web; need rust-web-src; need lld-19
need binaryen        # wasm-opt
need chromium        # wasm tests and e2e
need chromium-driver
need firefox-esr     # e2e
need openssl         # throwaway certificate for the fixture server
need zip             # make package
# Ordinary, non-marketing text for `make eval`'s false alarms in other
# languages (src/ordinary_text.rs). Debian has no French fortunes: its FAQ's
# French translation stands in for them.
need fortunes-es; need fortunes-br; need fortunes-de; need debian-faq-fr

if [ ${#want_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${want_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q </dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${want_apt[@]}" </dev/null
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (compiles for several minutes, once)"
  # Not --locked: one of its locked dependency versions is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force </dev/null
fi

# npm packages exactly as package-lock.json says; reinstall only when the lock changed.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.rapport-lock; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund </dev/null
  cp package-lock.json node_modules/.rapport-lock
fi

# The crates Debian's std sources depend on, for -Zbuild-std: the release
# build needs a few, the wasm tests (std with backtraces) more (object, gimli,
# addr2line). Fetched here, with the network, so that `make test` builds them
# offline; a no-op once they are in cargo's cache.
RUSTC_BOOTSTRAP=1 /usr/bin/cargo fetch --quiet --manifest-path /usr/lib/rustlib/src/rust/library/Cargo.toml </dev/null
