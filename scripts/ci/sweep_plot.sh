#!/usr/bin/env bash
# CI: the README's sweep walkthrough end to end: run the tiny sweep, analyse
# it, and draw its heat map with scripts/plot_sweep.py (Debian's pandas and
# matplotlib, installed when missing).
#   MMSIM=build/release/mmsim scripts/ci/sweep_plot.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mmsim="${MMSIM:-build/release/mmsim}"
# Debian's interpreter, where python3-pandas and python3-matplotlib install.
python=/usr/bin/python3

scripts/install-missing.sh sweep_plot python3-pandas python3-matplotlib

out="$(mktemp -d /tmp/mmsim-sweep-plot.XXXXXX)"
trap 'rm -rf "$out"' EXIT
"$mmsim" sweep scenarios/sweeps/tiny-sweep.yaml --out "$out/tiny" --quiet
"$mmsim" analyze "$out/tiny/results.csv" --metric coverage.patrol_ratio
png="$("$python" scripts/plot_sweep.py "$out/tiny/summary.csv" coverage.patrol_ratio)"
# A PNG starts with these 8 bytes.
[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
echo "sweep_plot: heat map written ($(wc -c < "$png") bytes)"
