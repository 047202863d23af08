#!/usr/bin/env bash
# Submits a sweep to Slurm: an N-task job array (one shard each) and a merge
# job that runs when every shard has succeeded. Prints the two job ids.
# With MERGE_GROUP=G, the merge is a merge of merges: a job array merges
# each G shards into OUT/part-P, then the merge job merges the parts; the ids
# printed are then the shards', the final merge's and the parts'.
#
#   scripts/slurm/submit.sh SWEEP.yaml OUT N [extra sbatch options...]
#   e.g. MMSIM=$PWD/build/release/mmsim scripts/slurm/submit.sh \
#          scenarios/sweeps/tiny-sweep.yaml sweeps/tiny 4 --cpus-per-task=8 --time=01:00:00
#
# The extra options go to both jobs (e.g. --partition, --account, --time).
# The sweep file is validated first (mmsim sweep --dry-run), so a typo fails
# here rather than in N jobs. Job logs go to OUT/logs/. Paths are taken from
# the current folder, which is also the jobs' working folder.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 SWEEP.yaml OUT N [sbatch options...]" >&2
  exit 2
fi
sweep="$1"
out="$2"
n="$3"
shift 3
here="$(cd "$(dirname "$0")" && pwd)"
mmsim="${MMSIM:-mmsim}"
case "$mmsim" in */*) mmsim="$(realpath "$mmsim")" ;; esac
case "$n" in
  '' | *[!0-9]* | 0) echo "$0: N must be a positive number of shards, got '$n'" >&2; exit 2 ;;
esac

"$mmsim" sweep "$sweep" --dry-run > /dev/null
mkdir -p "$out/logs"
export MMSIM="$mmsim"
array=$(sbatch --parsable --array="0-$((n - 1))" --output="$out/logs/%x-%A_%a.out" "$@" \
  "$here/sweep-array.sbatch" "$sweep" "$out")
array="${array%%;*}"  # --parsable prints "id;cluster" on multi-cluster setups
group="${MERGE_GROUP:-}"
if [ -z "$group" ]; then
  merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --output="$out/logs/%x-%j.out" "$@" "$here/merge.sbatch" "$out" "$n")
  echo "$array ${merge%%;*}"
  exit 0
fi
case "$group" in
  '' | *[!0-9]* | 0) echo "$0: MERGE_GROUP must be a positive number, got '$group'" >&2; exit 2 ;;
esac
parts=$(sbatch --parsable --array="0-$(((n + group - 1) / group - 1))" \
  --dependency="afterok:$array" --kill-on-invalid-dep=yes --output="$out/logs/%x-%A_%a.out" \
  "$@" "$here/merge.sbatch" "$out" "$n" "$group")
parts="${parts%%;*}"
merge=$(sbatch --parsable --dependency="afterok:$parts" --kill-on-invalid-dep=yes \
  --output="$out/logs/%x-%j.out" "$@" "$here/merge.sbatch" "$out" "$n" "$group")
echo "$array ${merge%%;*} $parts"
