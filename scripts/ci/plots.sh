#!/usr/bin/env bash
# CI: the plotting example of the user guide (scenarios/README.md) end to
# end: two small runs of the tiny scenario (Bravoland at full and at quarter strength), then
# scripts/plot_coverage.py draws their coverage from the CSVs with Debian's
# pandas and matplotlib (installed when missing); then the same what-if from
# Python, scripts/what_if.py on the mmsim module (when the build has it).
# Each PNG must be a real, non-trivial picture.
#   MMSIM=build/release/mmsim scripts/ci/plots.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mmsim="${MMSIM:-build/release/mmsim}"
# Debian's interpreter, where python3-pandas and python3-matplotlib install.
python=/usr/bin/python3

scripts/install-missing.sh plots python3-pandas python3-matplotlib python3-pil

out="$(mktemp -d /tmp/mmsim-plots.XXXXXX)"
trap 'rm -rf "$out"' EXIT
"$mmsim" run scenarios/tiny.yaml -q --replications 4 --out "$out/full"
"$mmsim" run scenarios/tiny.yaml -q --replications 4 --set 'contingents.bravo.waves[0].officers=6' --out "$out/reduced"
check_png() {  # check_png FILE
  "$python" - "$1" <<'PY'
import sys
from PIL import Image

image = Image.open(sys.argv[1]).convert("RGB")
width, height = image.size
pixels = list(image.resize((width // 4, height // 4)).getdata())
drawn = sum(1 for p in pixels if p != (255, 255, 255)) / len(pixels)
colours = len(set(image.getdata()))
print(f"plots: {sys.argv[1]}: {width}x{height}, {drawn:.1%} drawn, {colours} colours")
assert width >= 800 and height >= 600, "picture too small"
assert drawn > 0.03 and colours > 20, "the picture is (nearly) blank"
PY
}
png="$("$python" scripts/plot_coverage.py "$out/full" "$out/reduced" --labels 'Bravoland 24,Bravoland 6' \
       --out "$out/coverage.png")"
check_png "$png"

module="$(dirname "$mmsim")/python"
if [ -d "$module/mmsim" ]; then
  PYTHONPATH="$module" "$python" scripts/what_if.py --replications 4 --out "$out/what_if.png" | tee "$out/what_if.txt"
  check_png "$(tail -n 1 "$out/what_if.txt")"
else
  echo "plots: no Python module in $module (MMSIM_PYTHON off): scripts/what_if.py not run" >&2
fi
