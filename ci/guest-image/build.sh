#!/usr/bin/env bash
# Builds the lab's guest image once per machine and recipe; prints the image directory on stdout.
#
#   ci/guest-image/build.sh            build unless cached; last line of stdout = image directory
#   ci/guest-image/build.sh --dir      print the directory the current recipe maps to (no build)
#   ci/guest-image/build.sh --rebuild  build even when cached (replaces the cached image atomically)
#
# The image: Debian bookworm (debootstrap --variant=minbase, then apt-get install of packages.txt with
# --no-install-recommends), files of rootfs/ copied in, customize.sh run inside; an unpartitioned ext4
# file system labelled esl-root, stored as a compressed qcow2, plus the kernel and initramfs for direct
# kernel boot. Directory contents:
#   base.qcow2   compressed qcow2 (use it as the backing file of per-VM overlays; never write to it)
#   vmlinuz      kernel;  initrd.img  initramfs
#   cmdline      kernel command line to boot it (root=LABEL=esl-root rw console=ttyS0 quiet loglevel=3)
#   manifest     recipe hash, mirror, build time, sizes;  packages  installed package versions
#   build.log    output of debootstrap, apt-get and customize.sh
#
# Cache: ${ESL_IMAGE_CACHE:-/var/cache/elastic-slurm-lab/images}/<recipe-hash>/. The hash covers this
# script, packages.txt, customize.sh and every file under rootfs/ (paths and contents). Builds take a
# lock (concurrent callers wait, then reuse the result), happen in a temporary directory beside the
# cache entry and appear by one rename, so a directory that exists is complete.
#
# Environment:
#   ESL_IMAGE_CACHE  cache root (default /var/cache/elastic-slurm-lab/images)
#   ESL_DEB_CACHE    downloaded .deb files kept between builds (default /var/cache/elastic-slurm-lab/debs)
#   ESL_MIRROR       Debian mirror (default: the one this machine's apt sources use for Debian)
# Needs root, debootstrap, e2fsprogs (mke2fs -d), qemu-utils, util-linux (unshare, flock).
set -euo pipefail

SUITE=bookworm
ARCH=amd64
IMAGE_SIZE=2G
ROOT_LABEL=esl-root
CMDLINE="root=LABEL=${ROOT_LABEL} rw console=ttyS0 quiet loglevel=3"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${ESL_IMAGE_CACHE:-/var/cache/elastic-slurm-lab/images}"
deb_cache="${ESL_DEB_CACHE:-/var/cache/elastic-slurm-lab/debs}"

elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
log() { printf 'guest-image: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

recipe_hash() {
  (
    cd "$here"
    { printf '%s\n' build.sh packages.txt customize.sh; find rootfs -type f -o -type l; } | LC_ALL=C sort |
      while IFS= read -r f; do
        if [ -L "$f" ]; then printf '%s -> %s\n' "$f" "$(readlink "$f")"; else printf '%s %s\n' "$f" "$(sha256sum <"$f" | cut -d' ' -f1)"; fi
      done
  ) | sha256sum | cut -c1-16
}

# The Debian mirror this machine's apt uses (deb822 .sources or one-line .list), falling back to deb.debian.org.
host_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri="$(awk -v suite="$SUITE" '
      /^[[:space:]]*$/ { if (u != "" && s ~ "(^| )" suite "( |$)") { print u; exit } u=""; s=""; next }
      /^URIs:/ { u=$2 } /^Suites:/ { $1=""; s=$0 }
      END { if (u != "" && s ~ "(^| )" suite "( |$)") print u }' "$f" | grep -v -- '-security' | head -n1)"
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri="$(awk -v suite="$SUITE" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i+1) == suite) { print $i; exit } }' "$f")"
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  echo http://deb.debian.org/debian
}

mode=build
case "${1:-}" in
  "") ;;
  --dir) mode=dir ;;
  --rebuild) mode=rebuild ;;
  *) die "unknown argument '$1' (expected nothing, --dir or --rebuild)" ;;
esac

hash="$(recipe_hash)"
final="$cache_root/$hash"
if [ "$mode" = dir ]; then echo "$final"; exit 0; fi
if [ "$mode" = build ] && [ -f "$final/manifest" ]; then
  log "cached: $final"
  echo "$final"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || die "building the image needs root (debootstrap, chroot); run as root or use a cached image"
for tool in debootstrap mke2fs qemu-img unshare flock chroot; do
  command -v "$tool" >/dev/null || die "'$tool' not found (run ci/install-packages.sh)"
done

mkdir -p "$cache_root" "$deb_cache"
exec 9>"$cache_root/.build.lock"
if ! flock -n 9; then
  log "another build holds $cache_root/.build.lock; waiting"
  flock 9
fi
if [ "$mode" = build ] && [ -f "$final/manifest" ]; then
  log "built meanwhile by another caller: $final"
  echo "$final"
  exit 0
fi
# We hold the lock: temporary directories left by an interrupted build are stale.
find "$cache_root" -mindepth 1 -maxdepth 1 -name '.tmp.*' -exec rm -rf --one-file-system {} +

mirror="${ESL_MIRROR:-$(host_mirror)}"
tmp="$cache_root/.tmp.$hash.$$"
cleanup() { rm -rf --one-file-system "$tmp"; }
trap cleanup EXIT
mkdir -p "$tmp/out"
root="$tmp/root"
start=$(date +%s.%N)
log "building $hash from $mirror into $tmp"

clean_env=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive
  DEBCONF_NONINTERACTIVE_SEEN=true HOME=/root)
packages="$(sed -e 's/#.*//' "$here/packages.txt" | tr -s ' \t\n' ' ')"

t0=$(date +%s.%N)
"${clean_env[@]}" debootstrap --variant=minbase --arch="$ARCH" --cache-dir="$deb_cache" "$SUITE" "$root" "$mirror" \
  >"$tmp/debootstrap.log" 2>&1 || { tail -n 30 "$tmp/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
t_debootstrap=$(elapsed "$t0")
log "debootstrap done in ${t_debootstrap}s"

# Everything that mounts runs in a private mount namespace: the mounts vanish with it, even on failure,
# so the temporary tree never keeps a bind mount of the host's /dev when it is removed.
printf 'deb %s %s main\n' "$mirror" "$SUITE" > "$root/etc/apt/sources.list"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
cp -a "$here/rootfs/." "$root/"
install -m 0755 "$here/customize.sh" "$root/tmp/esl-customize.sh"
t0=$(date +%s.%N)
"${clean_env[@]}" unshare --mount --propagation private -- bash -euo pipefail -c '
  root="$1"; debs="$2"; shift 2
  mount -t proc proc "$root/proc"
  mount -t sysfs sysfs "$root/sys"
  mount --bind /dev "$root/dev"
  mount -t devpts -o newinstance devpts "$root/dev/pts"
  mount -t tmpfs tmpfs "$root/run"
  mount --bind "$debs" "$root/var/cache/apt/archives"
  chroot "$root" apt-get update -qq
  chroot "$root" apt-get install -y -q --no-install-recommends "$@"
  chroot "$root" /tmp/esl-customize.sh
' esl-image "$root" "$deb_cache" $packages >"$tmp/install.log" 2>&1 || { tail -n 40 "$tmp/install.log" >&2; die "package installation failed (log above)"; }
t_install=$(elapsed "$t0")
log "packages installed and customized in ${t_install}s"

mv "$root/tmp/esl-packages.txt" "$tmp/out/packages"
cat "$tmp/debootstrap.log" "$tmp/install.log" > "$tmp/out/build.log"
rm -f "$root/tmp/esl-customize.sh" "$root/usr/sbin/policy-rc.d" "$root/etc/resolv.conf"
rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/"*.bin "$root/var/log/"*.log "$root/var/log/apt/"*
find "$root/var/cache/apt/archives" -mindepth 1 -maxdepth 1 -name '*.deb' -delete
kernel="$(ls "$root"/boot/vmlinuz-* | sort -V | tail -n1)"
initrd="$root/boot/initrd.img-${kernel##*/vmlinuz-}"
[ -f "$kernel" ] && [ -f "$initrd" ] || die "no kernel/initramfs in the image's /boot"
cp "$kernel" "$tmp/out/vmlinuz"
cp "$initrd" "$tmp/out/initrd.img"
echo "$CMDLINE" > "$tmp/out/cmdline"
rootfs_bytes=$(du -sb --one-file-system "$root" | cut -f1)

t0=$(date +%s.%N)
mke2fs -q -t ext4 -L "$ROOT_LABEL" -d "$root" -F "$tmp/root.raw" "$IMAGE_SIZE" >&2
t_mkfs=$(elapsed "$t0")
rm -rf --one-file-system "$root"
t0=$(date +%s.%N)
qemu-img convert -c -O qcow2 "$tmp/root.raw" "$tmp/out/base.qcow2"
t_convert=$(elapsed "$t0")
rm -f "$tmp/root.raw"
total=$(elapsed "$start")

cat > "$tmp/out/manifest" <<EOF
recipe_hash=$hash
suite=$SUITE
arch=$ARCH
mirror=$mirror
kernel=${kernel##*/}
built_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
build_seconds=$total
debootstrap_seconds=$t_debootstrap
install_seconds=$t_install
mkfs_seconds=$t_mkfs
convert_seconds=$t_convert
rootfs_bytes=$rootfs_bytes
virtual_size=$IMAGE_SIZE
base_qcow2_bytes=$(stat -c %s "$tmp/out/base.qcow2")
vmlinuz_bytes=$(stat -c %s "$tmp/out/vmlinuz")
initrd_bytes=$(stat -c %s "$tmp/out/initrd.img")
EOF
chmod 0755 "$tmp/out"
chmod 0644 "$tmp/out/"*

if [ -d "$final" ]; then
  mv -T "$final" "$tmp/old"
fi
mv -T "$tmp/out" "$final"
log "built $final in ${total}s ($(du -h "$final/base.qcow2" | cut -f1) base.qcow2)"
echo "$final"
