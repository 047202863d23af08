#!/usr/bin/env bash
# Rewrites tests/golden/<scenario>.report.json from the current build, with the
# arguments tests/golden/test_golden.cpp uses. Review the diff before committing it:
# a changed golden file is a changed result.
set -euo pipefail
cd "$(dirname "$0")/.."
mmsim="${MMSIM:-build/release/mmsim}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for scenario in scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  "$mmsim" run "$scenario" -q --seed 2024 --replications 3 --format json --out "$tmp/$name"
  cp "$tmp/$name/report.json" "tests/golden/$name.report.json"
  echo "updated tests/golden/$name.report.json"
done
