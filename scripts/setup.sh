#!/usr/bin/env bash
# Installs what mmsim needs from Debian's packages (only what is missing),
# then configures and builds a preset (default: release). Safe to run again:
# a second call installs nothing and rebuilds only what changed.
#   scripts/setup.sh            # release build in build/release
#   scripts/setup.sh asan       # AddressSanitizer + UBSan build in build/asan
#   scripts/setup.sh --packages # install the packages only
set -euo pipefail
preset="${1:-release}"
cd "$(dirname "$0")/.."

# python3-jsonschema and python3-yaml: the test that checks scenarios against
# `mmsim schema` with a validator that is not ours. pybind11-dev and
# python3-dev: the Python module (python/); python3-pytest and python3-pandas:
# its tests. pkgconf and libxlsxwriter-dev: `--format xlsx` (optional in
# CMake: a build without them refuses the format); python3-openpyxl: the test
# that reads report.xlsx back.
packages=(g++ cmake ninja-build libboost-graph-dev libboost-program-options-dev
          libeigen3-dev libyaml-cpp-dev doctest-dev nlohmann-json3-dev
          pkgconf libxlsxwriter-dev
          python3 python3-jsonschema python3-yaml python3-openpyxl
          pybind11-dev python3-dev python3-pytest python3-pandas)
scripts/install-missing.sh setup "${packages[@]}"
[ "$preset" != --packages ] || exit 0

[ -f "build/$preset/CMakeCache.txt" ] || cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
