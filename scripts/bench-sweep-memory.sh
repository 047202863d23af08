#!/usr/bin/env bash
# Peak memory (maximum resident set, from /usr/bin/time -v) and wall time of a
# sweep, of resuming it when finished (the journal read back whole), and of
# merging it, at 10^5 and 10^6 tasks; 10^7 with --huge (an hour or more, and
# some 14 GB of journal: benchmark only, never in CI or tests). The tasks are
# runs of tiny.yaml (0.2 ms each), 1,000 points of its airport capacity.
# Prints the machine first.
#   scripts/bench-sweep-memory.sh            # 10^5 and 10^6 tasks
#   scripts/bench-sweep-memory.sh --quick    # 10^4 and 10^5
#   scripts/bench-sweep-memory.sh --huge     # also 10^7
#   ... --few-metrics                        # results keep 2 metrics, not 150
# With every metric a task takes some 2.5 kB of journal and as much of
# results.csv; --few-metrics (the sweep file's `metrics`) makes it about 70
# bytes, so that 10^7 tasks fit on a small disk.
# BUILD_DIR overrides the build folder (default build/release); TMPDIR where
# the sweep folders go (they are removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build="${BUILD_DIR:-build/release}"
mmsim="$root/$build/mmsim"
[ -x "$mmsim" ] || { echo "bench-sweep-memory: build $mmsim first (scripts/setup.sh)" >&2; exit 2; }

sizes="100000 1000000" metrics=""
for arg in "$@"; do
  case "$arg" in
    --quick) sizes="10000 100000" ;;
    --huge) sizes="100000 1000000 10000000" ;;
    --few-metrics) metrics="metrics: [coverage.patrol_ratio, response.mean_min]" ;;
    *) echo "usage: $0 [--quick|--huge] [--few-metrics]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/mmsim-sweep-memory.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)," \
  "$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM; $("$mmsim" --version)"
echo "Sweep memory: peak resident set (MB) and wall time, runs of tiny.yaml on all cores${metrics:+; $metrics}"
printf '  %-10s %-24s %-24s %-24s %s\n' tasks sweep "resume (finished)" merge "journal"

# "MB s" of one command: peak resident set and elapsed wall time.
measure() {
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  awk -F': ' '/Maximum resident set size/ { kb = $2 }
              /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
                                         for (i = 1; i <= n; i++) s = s * 60 + t[i] }
              END { printf "%.1f MB %.1f s", kb / 1024, s }' "$work/time.txt"
}

for tasks in $sizes; do
  points=1000
  replications=$((tasks / points))
  cat > "$work/sweep.yaml" <<YAML
schema_version: 1
name: memory-$tasks
scenario: $root/scenarios/tiny.yaml
replications: $replications
design: grid
$metrics
parameters:
  airport.daily_capacity: {from: 1, to: $points, step: 1}
YAML
  rm -rf "$work/out" "$work/merged"
  sweep=$(measure "$mmsim" sweep "$work/sweep.yaml" -q --out "$work/out")
  resume=$(measure "$mmsim" sweep "$work/sweep.yaml" -q --resume --out "$work/out")
  merge=$(measure "$mmsim" merge "$work/out" -q --out "$work/merged")
  cmp -s "$work/out/results.csv" "$work/merged/results.csv" || { echo "merge differs" >&2; exit 1; }
  journal=$(du -m "$work/out/journal.log" | cut -f1)
  results=$(du -m "$work/out/results.csv" | cut -f1)
  printf '  %-10s %-24s %-24s %-24s %s MB (results.csv %s MB)\n' "$tasks" "$sweep" "$resume" "$merge" \
    "$journal" "$results"
done
