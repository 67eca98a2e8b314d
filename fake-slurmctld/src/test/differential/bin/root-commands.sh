#!/bin/bash
# Writes a bin directory of Slurm commands that run the real ones of a debootstrap root (ci/slurm-root.sh), for
# RunScenario's BIN_DIR:   root-commands.sh 24.11|26.05 DIR
# Each command runs in a mount namespace of its own (unshare -m) with proc sys dev dev/pts run/munge tmp of the
# host bind-mounted into the root (the host's munged; labs under /tmp), then chroot-execs the real program, so its
# PID is the wrapper's and nothing is mounted on the shared root. A daemon given `-f FILE` also gets the
# cgroup.conf 24.11 and later need beside FILE (`CgroupPlugin=disabled`), unless one is there.
set -euo pipefail
version=${1:-}; dir=${2:-}
case "$version" in
    24.11) suite=trixie ;;
    26.05) suite=forky ;;
    *) echo "usage: $0 24.11|26.05 DIR" >&2; exit 64 ;;
esac
[ -n "$dir" ] || { echo "usage: $0 24.11|26.05 DIR" >&2; exit 64; }
root=$("$(cd "$(dirname "$0")/../../../../.." && pwd)/ci/slurm-root.sh" "$suite")
mkdir -p "$dir"
for cmd in slurmctld slurmd scontrol sinfo squeue srun sbatch scancel; do
    if [ -x "$root/usr/sbin/$cmd" ]; then exe=/usr/sbin/$cmd; else exe=/usr/bin/$cmd; fi
    cat >"$dir/$cmd" <<WRAP
#!/bin/bash
# $cmd of slurm-wlm $version from $root
prev=""
for a in "\$@"; do
    if [ "\$prev" = -f ] && [ ! -e "\$(dirname "\$a")/cgroup.conf" ]; then
        echo CgroupPlugin=disabled >"\$(dirname "\$a")/cgroup.conf"
    fi
    prev=\$a
done
exec unshare -m --propagation private /bin/bash -c '
    for m in proc sys dev dev/pts run/munge tmp; do mount --bind "/\$m" "$root/\$m" || exit 70; done
    cd / && exec chroot "$root" "\$0" "\$@"' $exe "\$@"
WRAP
    chmod 0755 "$dir/$cmd"
done
echo "$dir"
