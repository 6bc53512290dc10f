#!/usr/bin/env bash
# Coverage-guided fuzzing of the analyser and the history loader (fuzz/),
# FUZZ_SECONDS (default 600) per target. Not part of `make test`: it takes
# long and finds nothing new on most runs, but a crash is a real bug.
#
# No sanitizer (-s none): the core has no unsafe code, and AddressSanitizer
# made each run several times slower. Debug assertions (and so overflow
# checks) stay on (-a). Compare tracing is off: it took most of the time of
# a run, and the lexicon's phrases reach the fuzzer as a dictionary instead.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
seconds=${FUZZ_SECONDS:-600}
flags=(-O -a -s none --no-trace-compares)

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked --version "$CARGO_FUZZ_VERSION" cargo-fuzz ||
    cargo install --version "$CARGO_FUZZ_VERSION" cargo-fuzz
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "make fuzz needs the nightly toolchain (rustup toolchain install nightly)" >&2
  exit 1
fi

python3 fuzz/make-seeds.py
mkdir -p fuzz/logs
for target in analyze history_loader; do
  mkdir -p "fuzz/corpus/$target"
  dict=()
  [ -f "fuzz/seeds/$target.dict" ] && dict=("-dict=fuzz/seeds/$target.dict")
  log="fuzz/logs/$target.log"
  echo "== fuzzing $target for $seconds s (log: $log)"
  if ! cargo +nightly fuzz run "${flags[@]}" "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    "${dict[@]}" -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "== $target FAILED: the crashing input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  echo "== $target: $runs executions ($rate per second), no crash"
done
