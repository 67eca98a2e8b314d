#!/bin/bash
# Builds (once) a minimal Debian root with the real Slurm daemons of a Debian suite and prints its path.
#   ci/slurm-root.sh bookworm # slurm-wlm 22.05 (the host's own version; used for the container image)
#   ci/slurm-root.sh trixie   # slurm-wlm 24.11
#   ci/slurm-root.sh forky    # slurm-wlm 26.05
# The root is /var/cache/elastic-slurm-lab/roots/<suite>-<hash of the recipe>; a second call with the same
# recipe prints the same path at once. It is built in a temporary directory beside it under a lock and renamed
# into place only when complete, so a half-built root is never used. The mirror is the one apt uses here.
# Run the daemons with `chroot ROOT ...` after bind-mounting proc sys dev dev/pts run/munge tmp (host munged);
# the root has each of these directories.
# Name lookups stay on the machine: the root's /etc/hosts names the loopback addresses and its only name server
# is 127.0.0.1 (debootstrap leaves neither a hosts file nor a loopback resolver, and slurmctld 24.11 looks up
# the name of every RPC's peer: without them each lookup went to the build host's name server).
set -euo pipefail

suite=${1:-}
case "$suite" in
    bookworm) script=bookworm ;;
    trixie) script=trixie ;;
    forky) script=sid ;;          # Debian 12's debootstrap has no script for forky; sid's fits
    *) echo "usage: $0 <bookworm|trixie|forky>" >&2; exit 64 ;;
esac

packages=slurmctld,slurmd,slurm-client,munge,procps,bc
variant=minbase
base=${ELASTIC_SLURM_ROOTS:-/var/cache/elastic-slurm-lab/roots}

mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
if [ -z "$mirror" ]; then
    mirror=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' \
        /etc/apt/sources.list 2>/dev/null || true)
fi
[ -n "$mirror" ] || { echo "$0: no Debian mirror found in apt's sources" >&2; exit 1; }

setup="hosts:loopback resolver:127.0.0.1 mountpoints:proc,sys,dev,dev/pts,run/munge,tmp"
hash=$(printf '%s\n' "$suite" "$script" "$variant" "$packages" "$mirror" "$setup" | sha256sum | cut -c1-12)
root=$base/$suite-$hash
if [ -x "$root/usr/sbin/slurmctld" ]; then
    echo "$root"
    exit 0
fi

mkdir -p "$base"
exec 9>"$base/.$suite-$hash.lock"
flock 9
if [ ! -x "$root/usr/sbin/slurmctld" ]; then
    tmp=$(mktemp -d "$base/.$suite-$hash.XXXXXX")
    chmod 0755 "$tmp"   # package scripts run as other users (munge) must traverse /
    trap 'rm -rf --one-file-system "$tmp"' EXIT
    if ! debootstrap --variant="$variant" --include="$packages" "$suite" "$tmp" "$mirror" \
        "/usr/share/debootstrap/scripts/$script" >"$tmp.log" 2>&1; then
        cat "$tmp/debootstrap/debootstrap.log" >>"$tmp.log" 2>/dev/null || true
        echo "$0: debootstrap of $suite failed; its log: $tmp.log" >&2
        exit 1
    fi
    [ -x "$tmp/usr/sbin/slurmctld" ] || { echo "$0: no slurmctld in the $suite root" >&2; exit 1; }
    mkdir -p "$tmp/proc" "$tmp/sys" "$tmp/dev/pts" "$tmp/run/munge" "$tmp/tmp"   # the bind mounts' targets
    rm -f "$tmp/etc/hosts" "$tmp/etc/resolv.conf"
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$tmp/etc/hosts"
    printf '# names come from /etc/hosts; a DNS query never leaves the machine\nnameserver 127.0.0.1\n' \
        >"$tmp/etc/resolv.conf"
    rm -f "$tmp.log"
    mv -T "$tmp" "$root"
    trap - EXIT
fi
echo "$root"
