# Rapport: `make build` installs what is missing and builds the extension
# ready to "Load unpacked"; `make test` runs every test (it builds first).
SHELL := /bin/bash
.DEFAULT_GOAL := build
export CARGO_TERM_COLOR ?= never

WASM := extension/pkg/rapport_bg.wasm

.PHONY: build setup wasm sizes test test-rust test-wasm lint-ext e2e package eval fit bench bench-popup bench-overlay fuzz fmt clean

build: setup wasm sizes

setup:
	@./scripts/setup.sh

wasm:
	@./scripts/build-wasm.sh

sizes:
	@raw=$$(stat -c %s $(WASM)); gz=$$(gzip -9c $(WASM) | wc -c); \
	ext=$$(cd extension && zip -qr -9 - . | wc -c); \
	printf 'wasm: %s bytes raw, %s bytes gzip; extension zipped: %s bytes\n' $$raw $$gz $$ext

test: build
	@./scripts/test.sh

test-rust:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --features rapport-web/popup,rapport-web/ui -- -D warnings
	cargo test --workspace --release --features rapport-web/popup,rapport-web/ui

test-wasm:
	@./scripts/test-wasm.sh

lint-ext:
	@./scripts/lint-ext.sh

e2e:
	node tests/e2e/run.mjs

package: build
	@./scripts/package.sh

eval:
	cargo run --release --quiet --bin rapport -- eval

# Refits the balance's weights (lexicon/verdict/weights.toml) on the annotated
# corpora and prints their 5-fold cross-validated agreement; rebuild after it.
fit:
	cargo run --release --quiet --bin rapport -- fit --write

bench: build
	@node bench/bench.mjs
	@node bench/wake.mjs

# Popup first paint with 1,000 stored posts, in Chromium and Firefox (budget 100 ms).
bench-popup:
	@node bench/popup.mjs

# Overlay latency (input event to overlay updated, 3,000-character Lexical draft) and idle wake-ups, in Chromium.
bench-overlay:
	@node bench/overlay.mjs
	@node bench/long-drafts.mjs

# Coverage-guided fuzzing (fuzz/, cargo-fuzz on nightly), FUZZ_SECONDS per target
# (default 600); prints each target's execution count. Not part of `make test`.
fuzz:
	@./scripts/fuzz.sh

fmt:
	cargo fmt --all

clean:
	cargo clean
	rm -rf extension/pkg dist tests/.certs
