#!/usr/bin/env bash
# CI: installs the packages of the steps after the release build (Slurm,
# Chromium, the plotting libraries, clang for fuzzing), only those missing.
# .ci/run starts it in the background while the release build compiles:
# apt and dpkg wait on the network and the disk, the compiler on the CPU.
# Each step's script still checks its own packages, so a step run alone, or
# after this failed, installs what it needs itself.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-missing.sh ci-tools slurm-wlm munge chromium python3-pil python3-pandas \
  python3-matplotlib clang libclang-rt-dev
