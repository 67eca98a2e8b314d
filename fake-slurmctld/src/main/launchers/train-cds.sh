#!/bin/bash
# Makes the AppCDS archives of the drop-in commands (target/lib/cds/NAME.jsa): starts the fake slurmctld and a
# fake slurmd on loopback in a scratch directory, runs each command once with -XX:ArchiveClassesAtExit, stops
# everything by pid. Called by `mvn package` with the target directory.
set -euo pipefail
target=$(readlink -f "$1")
bin=$target/bin
cds=$target/lib/cds
rm -rf "$cds"
mkdir -p "$cds"
work=$(mktemp -d /tmp/fake-slurm-cds.XXXXXX)
ctld=
slurmd=
cleanup() {
  if [ -n "$slurmd" ]; then kill -KILL "$slurmd" 2>/dev/null || true; fi
  if [ -n "$ctld" ]; then kill -KILL "$ctld" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "train-cds: no free port found" >&2
  return 1
}

cport=$(free_port)
nport=$(free_port)
mkdir -p "$work/spool" "$work/state"
cat > "$work/slurm.conf" <<CONF
ClusterName=train
SlurmctldHost=train(127.0.0.1)
SlurmctldPort=$cport
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmdSpoolDir=$work/spool
StateSaveLocation=$work/state
NodeName=train1 CPUs=1 Port=$nport
PartitionName=debug Nodes=train1 Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$work/slurm.conf
cd "$work"

FAKE_SLURM_CDS_DUMP="$cds/slurmctld.jsa" "$bin/slurmctld" -D -f "$SLURM_CONF" >"$work/ctld.out" 2>&1 &
ctld=$!
for _ in $(seq 1 150); do
  if "$bin/scontrol" ping >/dev/null 2>&1; then break; fi
  sleep 0.2
done
"$bin/slurmd" -D -N train1 -b -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
slurmd=$!
for _ in $(seq 1 150); do
  if "$bin/sinfo" -h -o %t 2>/dev/null | grep -qx idle; then break; fi
  sleep 0.2
done

train() {
  local name=$1
  shift
  FAKE_SLURM_CDS_DUMP="$cds/$name.jsa" "$bin/$name" "$@" >"$work/$name.train" 2>&1 || true
  if [ ! -s "$cds/$name.jsa" ]; then
    echo "train-cds: no archive for $name; output:" >&2
    cat "$work/$name.train" >&2
    return 1
  fi
}
train srun -w train1 true
train sbatch -w train1 --wrap true
train squeue
train sinfo
train scontrol show node
FAKE_SLURM_CDS_DUMP="$cds/scontrol-shutdown.jsa" "$bin/scontrol" shutdown >/dev/null 2>&1 || true
rm -f "$cds/scontrol-shutdown.jsa"
wait "$ctld" || true
ctld=
ls "$cds"
