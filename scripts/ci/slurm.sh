#!/usr/bin/env bash
# CI: a real one-node Slurm cluster on localhost runs a sweep as a 4-task job
# array plus a dependent merge job, and the same sweep as 24 one- or two-task
# shards merged in two levels (4 partial merges of 6 shards, then a merge of
# those: the layout of a 10^8-task sweep, in miniature); each level's merges
# print their peak memory and time. The merged files must equal a
# single-machine run byte for byte.
#
# Installs Debian's slurm-wlm and munge when missing, then starts private
# daemons (munged with its own key and socket, slurmctld, slurmd) whose
# configuration, state and logs live in a temporary folder; no system file is
# touched, and every daemon started here is stopped on exit, failure included.
#   MMSIM=build/release/mmsim scripts/ci/slurm.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
mmsim="$(realpath "${MMSIM:-build/release/mmsim}")"
sweep=scenarios/sweeps/tiny-sweep.yaml
shards=4
many=24 group=6
timeout_s=180

scripts/install-missing.sh slurm slurm-wlm munge

work="$(mktemp -d /tmp/mmsim-slurm.XXXXXX)"
chmod 700 "$work"
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/out"
export SLURM_CONF="$work/slurm.conf"

pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    echo "slurm: FAILED; logs follow" >&2
    for log in "$work"/*.log "$work"/out/logs/*; do
      [ -f "$log" ] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# Waits up to $1 seconds for "$2 ..." to succeed.
wait_for() {
  local seconds="$1"
  shift
  for _ in $(seq $((seconds * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "slurm: timed out after ${seconds}s waiting for: $*" >&2
  return 1
}

# A private munge daemon; root may run it with --force.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munge/seed"
wait_for 10 test -s "$work/munge/munged.pid"
pids+=("$(cat "$work/munge/munged.pid")")

# The node as slurmd sees this machine (CPUs, sockets, memory), named localhost.
node="$(slurmd -C | head -n 1 | sed -e 's/^NodeName=[^ ]*/NodeName=localhost/')"
cat > "$SLURM_CONF" <<CONF
ClusterName=mmsimci
SlurmctldHost=localhost
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MinJobAge=600
$node State=UNKNOWN
PartitionName=ci Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld
wait_for 20 test -s "$work/slurmctld.pid"
pids+=("$(cat "$work/slurmctld.pid")")
slurmd -N localhost
wait_for 20 test -s "$work/slurmd.pid"
pids+=("$(cat "$work/slurmd.pid")")
node_idle() { [ "$(sinfo -h -n localhost -o %t)" = idle ]; }
wait_for 60 node_idle
echo "slurm: one-node cluster up ($node)"

read -r array merge < <(MMSIM="$mmsim" scripts/slurm/submit.sh "$sweep" "$work/out" "$shards" \
  --cpus-per-task=1)
echo "slurm: submitted array job $array and merge job $merge"
read -r array2 merge2 parts2 < <(MMSIM="$mmsim" MERGE_GROUP="$group" scripts/slurm/submit.sh \
  "$sweep" "$work/many" "$many" --cpus-per-task=1)
echo "slurm: submitted a $many-task array $array2, partial merges $parts2, merge of merges $merge2"
jobs_gone() { [ -z "$(squeue -h -j "$array,$merge,$array2,$parts2,$merge2" 2>/dev/null)" ]; }
wait_for "$timeout_s" jobs_gone
for job in "$merge" "$merge2"; do
  state="$(scontrol show job "$job" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')"
  if [ "$state" != COMPLETED ]; then
    echo "slurm: the merge job $job ended $state" >&2
    exit 1
  fi
done
cat "$work"/many/logs/mmsim-merge-* | grep '^merge level' | sort | sed 's/^/slurm: /'

"$mmsim" sweep "$sweep" --out "$work/single" --quiet
for file in design.csv results.csv summary.csv; do
  cmp "$work/single/$file" "$work/out/$file"
  cmp "$work/single/$file" "$work/many/$file"
done
echo "slurm: $shards shards merged, and $many shards merged in two levels, on Slurm equal" \
  "the single-machine run byte for byte ($(($(wc -l < "$work/out/results.csv") - 1)) rows)"
cd "$root"
