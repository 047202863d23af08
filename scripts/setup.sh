#!/usr/bin/env bash
# Installs what mmsim needs from Debian's packages (only what is missing),
# then configures and builds a preset (default: release). Safe to run again:
# a second call installs nothing and rebuilds only what changed.
#   scripts/setup.sh            # release build in build/release
#   scripts/setup.sh asan       # AddressSanitizer + UBSan build in build/asan
set -euo pipefail
preset="${1:-release}"
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build libboost-graph-dev libboost-program-options-dev
          libeigen3-dev libyaml-cpp-dev doctest-dev nlohmann-json3-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -f "build/$preset/CMakeCache.txt" ] || cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
