#!/usr/bin/env bash
# CI: the benchmarks still build and run, on small sizes (scripts/bench.sh
# --quick, after the release build). Their figures are printed, never checked:
# a shared CI machine's speed proves nothing, and a slow machine is not a bug.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/bench.sh --quick
