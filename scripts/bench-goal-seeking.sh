#!/usr/bin/env bash
# Time to answer the two mss-2024 goal-seeking questions of the README, and
# the replications the procedures used against a plain grid of the same
# precision (every value or option run to the replications the most
# demanding one needed). Prints the machine; nothing here fails because it
# is slow. About two minutes on 2 cores.
#   scripts/bench-goal-seeking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build/release}"
cmake --build "$build" --target mmsim >/dev/null
mmsim="$build/mmsim"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "mmsim goal seeking (scripts/bench-goal-seeking.sh)"
echo "  machine: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) hardware threads"
echo "  date:    $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"

wall() {  # runs "$@", prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }'
}

t=$(wall "$mmsim" solve scenarios/mss-2024.yaml --vary 'vehicles.fleets.mraps.deliveries[1].count=1..200' \
      --target 'response.mean_min <= 35' --window after=2025-03-01..2025-09-30 --format json --out "$out/solve")
/usr/bin/python3 - "$out/solve/solve.json" "$t" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
values = int(r["vary"]["high"] - r["vary"]["low"]) + 1
most = max(p["replications"] for p in r["points"])
print(f"1. solve: vehicles for a mean response <= 35 min (Mar-Sep 2025): answer {r['answer']:g}, "
      f"{sys.argv[2]} s wall")
print(f"   {r['replications']} replications over {len(r['points'])} values; a grid of the {values} values "
      f"at {most} replications each: {values * most} ({values * most / r['replications']:.0f}x)")
PY

t=$(wall "$mmsim" optimize scenarios/optimize/mss-70-within-target.yaml --out "$out/optimize")
/usr/bin/python3 - "$out/optimize/optimize.json" "$t" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
most = max(o["replications"] for o in r["options"])
n = len(r["options"])
print(f"2. optimize: officers and vehicles for 70% within target (Mar-Sep 2025): option {r['chosen']}, "
      f"{sys.argv[2]} s wall")
print(f"   {r['replications']} replications over {n} options; a grid at {most} each: {n * most} "
      f"({n * most / r['replications']:.1f}x)")
PY
