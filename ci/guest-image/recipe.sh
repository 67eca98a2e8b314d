#!/usr/bin/env bash
# The guest image recipe: builds one image into an empty directory. Called by build.sh (which caches the
# result by the hash of this file, packages.txt, customize.sh and rootfs/); not meant to be called directly.
#
#   recipe.sh WORK_DIR DEB_CACHE MIRROR      -> WORK_DIR/out/{base.qcow2,vmlinuz,initrd.img,cmdline,...}
#
# Debian bookworm: debootstrap --variant=minbase, then `apt-get install --no-install-recommends` of
# packages.txt inside the tree (apt resolves virtual packages, debootstrap does not), files of rootfs/ copied
# in before the installation, customize.sh run inside after it. The tree becomes an unpartitioned ext4 file
# system labelled esl-root (mke2fs -d, no loop device), stored as a compressed qcow2; the kernel and the
# initramfs are copied out for direct kernel boot.
set -euo pipefail

SUITE=bookworm
ARCH=amd64
IMAGE_SIZE=2G
ROOT_LABEL=esl-root
# quiet loglevel=3: console output costs time under TCG (field notes: the "fast" column). mitigations=off: the
# speculative-execution defences (page table isolation's CR3 switch on every system call above all) are emulated
# instruction by instruction under TCG; a lab guest runs only the lab's own code. random.trust_cpu=on: the CPU's
# random numbers seed the kernel's generator at once. tsc=reliable no_timer_check: no clocksource watchdog and
# no timer check (both misjudge a TCG guest's clock). systemd.show_status=false: no status lines on the console.
CMDLINE="root=LABEL=${ROOT_LABEL} rw console=ttyS0 quiet loglevel=3 mitigations=off random.trust_cpu=on tsc=reliable no_timer_check systemd.show_status=false"

[ $# -eq 3 ] || { echo "usage: recipe.sh WORK_DIR DEB_CACHE MIRROR" >&2; exit 2; }
work="$1" deb_cache="$2" mirror="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$work/out" root="$work/root"

elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
log() { printf 'guest-image: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

mkdir -p "$out"
start=$EPOCHREALTIME
# The host's environment (proxies, PYTHON*, PIP_* ...) must not leak into the image's maintainer scripts.
clean_env=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive
  DEBCONF_NONINTERACTIVE_SEEN=true HOME=/root)
packages="$(sed -e 's/#.*//' "$here/packages.txt" | tr -s ' \t\n' ' ')"

t0=$EPOCHREALTIME
"${clean_env[@]}" debootstrap --variant=minbase --arch="$ARCH" --cache-dir="$deb_cache" "$SUITE" "$root" "$mirror" \
  >"$work/debootstrap.log" 2>&1 || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
t_debootstrap=$(elapsed "$t0")
log "debootstrap done in ${t_debootstrap}s"

printf 'deb %s %s main\n' "$mirror" "$SUITE" > "$root/etc/apt/sources.list"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"   # no service starts inside the build
chmod 0755 "$root/usr/sbin/policy-rc.d"
cp -a "$here/rootfs/." "$root/"
install -m 0755 "$here/customize.sh" "$root/tmp/esl-customize.sh"

# Everything that mounts runs in a private mount namespace: the mounts vanish with it, even on failure, so the
# tree never still holds a mount when it is removed.
t0=$EPOCHREALTIME
"${clean_env[@]}" unshare --mount --propagation private -- bash -euo pipefail -c '
  root="$1"; debs="$2"; shift 2
  mount -t proc proc "$root/proc"
  mount -t sysfs sysfs "$root/sys"
  # The chroot gets a /dev of its own, never the host one: package scripts (udev, systemd-tmpfiles) set groups of
  # device nodes by the tree own group ids, which on the host /dev gave /dev/kvm a foreign group.
  mount -t tmpfs -o mode=0755,nosuid,size=1m esl-dev "$root/dev"
  mknod -m 0666 "$root/dev/null" c 1 3; mknod -m 0666 "$root/dev/zero" c 1 5; mknod -m 0666 "$root/dev/full" c 1 7
  mknod -m 0666 "$root/dev/random" c 1 8; mknod -m 0666 "$root/dev/urandom" c 1 9; mknod -m 0666 "$root/dev/tty" c 5 0
  mkdir -m 0755 "$root/dev/pts"; mkdir -m 1777 "$root/dev/shm"
  ln -s pts/ptmx "$root/dev/ptmx"; ln -s /proc/self/fd "$root/dev/fd"
  ln -s /proc/self/fd/0 "$root/dev/stdin"; ln -s /proc/self/fd/1 "$root/dev/stdout"; ln -s /proc/self/fd/2 "$root/dev/stderr"
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
  mount -t tmpfs tmpfs "$root/run"
  mount --bind "$debs" "$root/var/cache/apt/archives"
  chroot "$root" apt-get update -qq
  chroot "$root" apt-get install -y -q --no-install-recommends "$@"
  chroot "$root" /tmp/esl-customize.sh
' esl-image "$root" "$deb_cache" $packages >"$work/install.log" 2>&1 ||
  { tail -n 40 "$work/install.log" >&2; die "package installation failed (log above)"; }
t_install=$(elapsed "$t0")
log "packages installed and customized in ${t_install}s"

mv "$root/tmp/esl-packages.txt" "$out/packages"
cat "$work/debootstrap.log" "$work/install.log" > "$out/build.log"
rm -f "$root/tmp/esl-customize.sh" "$root/usr/sbin/policy-rc.d" "$root/etc/resolv.conf"
rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/"*.bin "$root/var/log/"*.log "$root/var/log/apt/"*
find "$root/var/cache/apt/archives" -mindepth 1 -maxdepth 1 -name '*.deb' -delete
kernel="$(ls "$root"/boot/vmlinuz-* | sort -V | tail -n1)"
initrd="$root/boot/initrd.img-${kernel##*/vmlinuz-}"
[ -f "$kernel" ] && [ -f "$initrd" ] || die "no kernel/initramfs in the image's /boot"
cp "$kernel" "$out/vmlinuz"
cp "$initrd" "$out/initrd.img"
echo "$CMDLINE" > "$out/cmdline"
rootfs_bytes=$(du -sb --one-file-system "$root" | cut -f1)

t0=$EPOCHREALTIME
mke2fs -q -t ext4 -L "$ROOT_LABEL" -d "$root" -F "$work/root.raw" "$IMAGE_SIZE" >"$work/mke2fs.log" 2>&1 ||
  { cat "$work/mke2fs.log" >&2; die "mke2fs failed"; }
t_mkfs=$(elapsed "$t0")
rm -rf --one-file-system "$root"
t0=$EPOCHREALTIME
qemu-img convert -c -O qcow2 "$work/root.raw" "$out/base.qcow2"
t_convert=$(elapsed "$t0")
rm -f "$work/root.raw"

cat > "$out/manifest" <<EOF
suite=$SUITE
arch=$ARCH
mirror=$mirror
kernel=${kernel##*/}
built_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
build_seconds=$(elapsed "$start")
debootstrap_seconds=$t_debootstrap
install_seconds=$t_install
mkfs_seconds=$t_mkfs
convert_seconds=$t_convert
rootfs_bytes=$rootfs_bytes
virtual_size=$IMAGE_SIZE
base_qcow2_bytes=$(stat -c %s "$out/base.qcow2")
vmlinuz_bytes=$(stat -c %s "$out/vmlinuz")
initrd_bytes=$(stat -c %s "$out/initrd.img")
EOF
