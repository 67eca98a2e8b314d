#!/bin/bash
# Start script of an elastic-slurm/slurm:<version> container (ci/docker/build-images.sh; copied in by the
# scenarios' SlurmContainer): starts munged (start-munge.sh beside this file), then, when the slurm.conf named by
# SLURM_CONF exists, a standing cluster: slurmctld and one `slurmd -N NODE` per node of its NodeName lines that
# is not State=CLOUD or FUTURE (each node has its own Port in that file; a CLOUD node's slurmd is for its
# ResumeProgram to start). It first writes what the newer daemons need and 22.05 did not: a
# cgroup.conf with CgroupPlugin=disabled beside slurm.conf (unless one is given; 22.05 has no such plugin name and
# runs without the file) and every directory the file names (StateSaveLocation, SlurmdSpoolDir per node, log and
# pid directories).
set -euo pipefail
here=$(dirname "$0")
conf=${SLURM_CONF:-/etc/slurm/slurm.conf}
bash "$here/start-munge.sh"
if [ -f "$conf" ]; then
  dir=$(dirname "$conf")
  case "$(/usr/sbin/slurmd -V)" in
    *" 22."*) ;;   # 22.05 runs without cgroup.conf and knows no CgroupPlugin=disabled
    *) [ -e "$dir/cgroup.conf" ] || echo "CgroupPlugin=disabled" >"$dir/cgroup.conf" ;;
  esac
  value() { sed -n "s/^[[:space:]]*$1=\([^[:space:]#]*\).*/\1/Ip" "$conf" | tail -n 1; }
  # every node name, and those that are not CLOUD/FUTURE (their slurmd runs from the start; a CLOUD node's
  # slurmd is started by its ResumeProgram, e.g. `/usr/sbin/slurmd -N "$1" -b`)
  names=""; standing=""
  while read -r token rest; do
    [ "$token" = DEFAULT ] && continue
    expanded=$(/usr/bin/scontrol show hostnames "$token")
    names="$names $expanded"
    echo " $rest " | grep -qiE '[[:space:]]State=(CLOUD|FUTURE)[[:space:]]' || standing="$standing $expanded"
  done < <(sed -n 's/^[[:space:]]*NodeName=\([^[:space:]]*\)\(.*\)/\1 \2/Ip' "$conf")
  state=$(value StateSaveLocation); [ -z "$state" ] || mkdir -p "$state"
  for key in SlurmctldLogFile SlurmdLogFile SlurmctldPidFile SlurmdPidFile; do
    f=$(value "$key"); [ -z "$f" ] || mkdir -p "$(dirname "$f")"
  done
  spool=$(value SlurmdSpoolDir)
  for node in $names; do
    [ -z "$spool" ] || mkdir -p "${spool//%n/$node}"
  done
  /usr/sbin/slurmctld -f "$conf"
  for node in $standing; do
    /usr/sbin/slurmd -N "$node" -f "$conf"
  done
fi
echo "slurm container ready"
exec sleep infinity
