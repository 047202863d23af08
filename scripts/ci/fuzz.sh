#!/usr/bin/env bash
# CI: fuzzes the scenario loader, the sweep loader, --set parsing and
# compare's report reader with libFuzzer (clang, AddressSanitizer,
# UndefinedBehaviorSanitizer) for a bounded time each, all targets at once,
# and fails on a crash, a leak, a timeout, running out of memory or any
# sanitizer report. Seeds: the shipped scenarios and sweeps, tests/data, the
# golden reports and the bad-input corpus (tests/bad). See tests/fuzz/README.md.
#   scripts/ci/fuzz.sh                          # 60 s per target
#   MMSIM_FUZZ_SECONDS=3600 scripts/ci/fuzz.sh  # a longer hunt
# A failing input is kept in build/fuzz/run/artifacts/; turn it into a
# tests/bad case (see tests/fuzz/README.md) once the bug is fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${MMSIM_FUZZ_SECONDS:-60}"
targets=(fuzz_scenario fuzz_sweep fuzz_set fuzz_report)

# clang with libFuzzer and the sanitizer runtimes, on top of the usual build
# dependencies (scripts/setup.sh installs those).
fuzzer_links() {
  echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' |
    clang++ -x c++ -fsanitize=fuzzer,address,undefined -o /dev/null - 2>/dev/null
}
if ! command -v clang++ >/dev/null || ! fuzzer_links; then
  echo "fuzz: installing clang and libclang-rt-dev" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    clang libclang-rt-dev >/dev/null
fi
scripts/setup.sh fuzz

run=build/fuzz/run
rm -rf "$run"
mkdir -p "$run/artifacts" "$run/tmp"
# Seeds: scenario files for fuzz_scenario; sweep files, pointed at the base
# scenario the target provides (base.yaml), for fuzz_sweep.
mkdir -p "$run/seeds-scenario" "$run/seeds-sweep" "$run/corpus-scenario" "$run/corpus-sweep"
for file in scenarios/*.yaml tests/data/*/*.yaml tests/bad/*.yaml; do
  [ -f "$file" ] || continue
  if grep -q '^scenario:' "$file"; then
    sed 's|^scenario:.*|scenario: base.yaml|' "$file" > "$run/seeds-sweep/$(echo "$file" | tr / _)"
  else
    cp "$file" "$run/seeds-scenario/$(echo "$file" | tr / _)"
  fi
done
for file in scenarios/sweeps/*.yaml tests/bad/sweeps/*.yaml; do
  [ -f "$file" ] && sed 's|^scenario:.*|scenario: base.yaml|' "$file" > "$run/seeds-sweep/$(echo "$file" | tr / _)"
done
# --set seeds: every argument of the corpus, one a file; report seeds: the
# golden reports and the corpus of bad ones.
mkdir -p "$run/seeds-set" "$run/seeds-report" "$run/corpus-set" "$run/corpus-report"
n=0
grep -ohE -- "--set '?[^' ]+'?" tests/bad/args/*.args tests/bad/*.yaml | sed -E "s/^--set '?//; s/'$//" |
  sort -u | while IFS= read -r argument; do
    n=$((n + 1))
    printf '%s' "$argument" > "$run/seeds-set/set-$n"
  done
cp tests/golden/*.report.json tests/bad/reports/*.json "$run/seeds-report/"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export TMPDIR="$PWD/$run/tmp"  # the targets' scratch folders
declare -A pids
for target in "${targets[@]}"; do
  kind=${target#fuzz_}
  echo "fuzz: $target for ${seconds}s ($(ls "$run/seeds-$kind" | wc -l) seeds)"
  "build/fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -seed=1 -dict="tests/fuzz/$kind.dict" -artifact_prefix="$run/artifacts/$target-" \
    -print_final_stats=1 "$run/corpus-$kind" "$run/seeds-$kind" > "$run/$target.log" 2>&1 &
  pids[$target]=$!
done
failed=0
for target in "${targets[@]}"; do
  if wait "${pids[$target]}"; then
    echo "fuzz: $target: $(grep -E '^stat::number_of_executed_units' "$run/$target.log" | tr -s ' ' | cut -d' ' -f2) inputs, no failure"
  else
    failed=1
    echo "fuzz: $target FAILED; its log ends:" >&2
    tail -n 60 "$run/$target.log" >&2
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "fuzz: failing inputs are in $run/artifacts/:" >&2
  ls -l "$run/artifacts" >&2
  exit 1
fi
