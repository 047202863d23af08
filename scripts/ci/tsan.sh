#!/usr/bin/env bash
# CI: the thread code (the replication runner, the sweep runner) under
# ThreadSanitizer: builds the `tsan` preset (mmsim and the test binary only)
# and runs the tests its test preset selects (names mentioning threads,
# shards, SIGKILL or determinism). A data race fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/setup.sh tsan

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
