#!/bin/bash
# Records the SLURM_RESUME_FILE that a real slurmctld writes, for the provisioner's tests.
#   ci/record-resume-files.sh 22.05|24.11|26.05 [output dir]
# 22.05 is the host's slurm-wlm; 24.11 and 26.05 run from the roots of ci/slurm-root.sh (trixie, forky) with
# proc sys dev dev/pts run/munge tmp bind-mounted (the host's munged). slurmctld runs with three CLOUD nodes and
# a ResumeProgram that copies $SLURM_RESUME_FILE and its argv; the partition is held DOWN while two jobs are
# submitted (node1; node[2-3]) and then set UP, so one power-save scan resumes both: one file with two jobs.
# A first run with one job (node1) gives the single-job file. Writes real-<version>.json (one job),
# real-<version>-multi.json (two jobs) and the hook's argv beside each (.argv). Ports 19200-19299; scratch in /tmp/papi-record-<version>.
set -euo pipefail

version=${1:-}
out=${2:-$(cd "$(dirname "$0")/.." && pwd)/provisioner/src/test/resources/resume-files}
case "$version" in
    22.05) root=""; port=19210 ;;
    24.11) root=$("$(dirname "$0")/slurm-root.sh" trixie); port=19220 ;;
    26.05) root=$("$(dirname "$0")/slurm-root.sh" forky); port=19230 ;;
    *) echo "usage: $0 22.05|24.11|26.05 [output dir]" >&2; exit 64 ;;
esac
"$(dirname "$0")/start-munge.sh" >/dev/null

mounted=()
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid"; sleep 2; kill -9 "$pid" 2>/dev/null || true
    fi
    for ((i=${#mounted[@]}-1; i>=0; i--)); do umount "${mounted[$i]}" || umount -l "${mounted[$i]}"; done
}
trap cleanup EXIT
run() { if [ -n "$root" ]; then chroot "$root" "$@"; else "$@"; fi; }
if [ -n "$root" ]; then
    for m in proc sys dev dev/pts run/munge tmp; do
        mkdir -p "$root/$m"
        mount --bind "/$m" "$root/$m"
        mounted+=("$root/$m")
    done
fi

one_run() {   # $1 = name of the run, $2... = the node lists of the jobs
    local name=$1; shift
    local dir=/tmp/papi-record-$version-$name
    rm -rf "$dir"; mkdir -p "$dir"/{state,log,spool,captured}
    cat >"$dir/resume" <<HOOK
#!/bin/sh
/bin/cp "\$SLURM_RESUME_FILE" "$dir/captured/\$\$.json"
echo "\$1" >"$dir/captured/\$\$.argv"
HOOK
    printf '#!/bin/sh\nexit 0\n' >"$dir/suspend"
    chmod 0755 "$dir/resume" "$dir/suspend"
    local host; host=$(hostname -s)
    cat >"$dir/slurm.conf" <<CONF
ClusterName=papirec
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmctldPort=$port
SlurmdPort=$((port + 1))
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SuspendProgram=$dir/suspend
ResumeProgram=$dir/resume
SuspendTime=300
ResumeTimeout=300
NodeName=node[1-3] State=CLOUD CPUs=1
PartitionName=debug Nodes=node[1-3] Default=YES MaxTime=INFINITE State=DOWN
CONF
    [ "$version" = 22.05 ] || echo "CgroupPlugin=disabled" >"$dir/cgroup.conf"
    export SLURM_CONF=$dir/slurm.conf
    if [ -n "$root" ]; then   # chroot execs slurmctld: $! is its PID
        chroot "$root" /usr/sbin/slurmctld -D -i -f "$dir/slurm.conf" >"$dir/log/stdout" 2>&1 &
    else
        /usr/sbin/slurmctld -D -i -f "$dir/slurm.conf" >"$dir/log/stdout" 2>&1 &
    fi
    pid=$!
    for _ in $(seq 100); do run scontrol ping >/dev/null 2>&1 && break; sleep 0.3; done
    run scontrol ping >/dev/null || { echo "slurmctld $version did not answer; see $dir/log" >&2; exit 1; }
    for nodes in "$@"; do
        run sbatch -Q -o /dev/null -p debug -w "$nodes" -N "$(run scontrol show hostnames "$nodes" | wc -l)" \
            --wrap=/bin/true >/dev/null
    done
    run scontrol update partitionname=debug state=UP
    for _ in $(seq 120); do [ -n "$(ls "$dir/captured"/*.json 2>/dev/null)" ] && break; sleep 0.5; done
    local f; f=$(ls "$dir/captured"/*.json 2>/dev/null | head -1)
    [ -n "$f" ] || { echo "no resume file captured for $version within 60 s; see $dir/log" >&2; exit 1; }
    sleep 1
    kill "$pid"; for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""
    [ "$(ls "$dir/captured"/*.json | wc -l)" = 1 ] || { echo "more than one resume for $name: $(ls "$dir/captured")" >&2; exit 1; }
    cp "$f" "$out/real-$version$name.json"
    cp "${f%.json}.argv" "$out/real-$version$name.argv"
    echo "$out/real-$version$name.json: $(cat "$f")"
}

mkdir -p "$out"
one_run "" node1
one_run "-multi" node1 "node[2-3]"
