#!/usr/bin/env bash
# CI: the thread code (the replication runner, the sweep runner) under
# ThreadSanitizer: builds the `tsan` preset (mmsim, and a test binary of the
# files holding the thread tests) and runs the tests its test preset selects
# (names mentioning threads, shards, SIGKILL or determinism). A data race
# fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/setup.sh tsan

# The TSan build compiles only the test files listed as MMSIM_THREAD_TESTS in
# tests/CMakeLists.txt. Check that no test the filter picks lives elsewhere:
# the release build has them all.
if [ -f build/release/CTestTestfile.cmake ]; then
  names() { grep -o 'Test *#[0-9]*: .*' | sed 's/^Test *#[0-9]*: //' | sort; }
  missing=$(comm -23 \
    <(ctest --test-dir build/release -N -R 'thread|shard|SIGKILL|determinis' -E 'shipped scenario' | names) \
    <(ctest --preset tsan -N | names))
  if [ -n "$missing" ]; then
    echo "tsan: these tests are not in the TSan build; add their file to MMSIM_THREAD_TESTS:" >&2
    echo "$missing" >&2
    exit 1
  fi
fi

# Kernels with 32 bits of mmap randomness (vm.mmap_rnd_bits) break the
# sanitizer runtimes of g++ 12 and clang 14 ("unexpected memory mapping"):
# run without address randomisation there.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'int main() { return 0; }' > "$probe/probe.cpp"
g++ -fsanitize=thread "$probe/probe.cpp" -o "$probe/probe"
if "$probe/probe" 2>/dev/null; then
  ctest --preset tsan
else
  echo "tsan: this kernel's address randomisation breaks ThreadSanitizer; running with setarch -R" >&2
  setarch "$(uname -m)" -R ctest --preset tsan
fi
