#!/usr/bin/env bash
# Builds the libFuzzer targets (with AddressSanitizer) and runs each for SECONDS (default 60),
# from a fixed SEED when one is given (CI passes one, so its short pass is reproducible).
#   bash Tests/Fuzz/run.sh 600          # ten minutes per parser
#   bash Tests/Fuzz/run.sh 15 1         # what CI runs
# New inputs go to a scratch corpus; crashes to Tests/Fuzz/artifacts/ (kept out of git). Each
# crash found becomes a regression test (LossesTests, SessionTests, ...) with its input.
set -euo pipefail
seconds="${1:-60}"
seed_option=()
[ -n "${2:-}" ] && seed_option=(-seed="$2")
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
swift build -c release --scratch-path "$here/.build-fuzz" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | tail -1
mkdir -p "$here/artifacts"
status=0
for target in eval theme asciicast scenario keys limits sanitizer state replay script; do
  work="$(mktemp -d)"
  echo "== fuzz-$target for ${seconds}s"
  # TOMLKit's C++ bridge (and toml++ on some errors) leaks, so leak detection is off for themes,
  # both libFuzzer's per-input check and LeakSanitizer's at exit.
  leaks=1
  [ "$target" = theme ] && leaks=0
  # Crashes go straight to libFuzzer, not through Swift's backtracer (which trips ASan).
  if ! SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=$leaks" "$here/.build-fuzz/release/fuzz-$target" "$work" "$here/corpus/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -detect_leaks="$leaks" "${seed_option[@]}" \
      -artifact_prefix="$here/artifacts/$target-" -print_final_stats=1 2>"$work.log"; then
    status=1
    tail -40 "$work.log"
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|cov:" "$work.log" | tail -3 || true
  rm -rf "$work" "$work.log"
done
exit "$status"
