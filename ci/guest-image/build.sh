#!/usr/bin/env bash
# The lab's guest image, built once per machine and recipe; prints the image directory on stdout.
#
#   ci/guest-image/build.sh            build unless cached; the last line of stdout is the image directory
#   ci/guest-image/build.sh --dir      print the directory the current recipe maps to (no build)
#   ci/guest-image/build.sh --rebuild  build even when cached (replaces the cached image atomically)
#   ci/guest-image/build.sh --prune    delete cached images of other recipes (keeps any a process has open)
#
# The image (recipe.sh): Debian bookworm minbase + packages.txt (systemd, cloud-init, slurmd, munge, a Java
# runtime ...), rootfs/ and customize.sh applied. Directory contents:
#   base.qcow2   compressed qcow2, unpartitioned ext4 labelled esl-root, 2 GiB virtual; use it as the
#                read-only backing file of per-VM overlays (qemu-img create -f qcow2 -F qcow2 -b base.qcow2)
#   vmlinuz, initrd.img   kernel and initramfs for direct kernel boot
#   cmdline      the kernel command line (root=LABEL=esl-root rw console=ttyS0 quiet loglevel=3)
#   manifest     recipe hash, mirror, build time per step, sizes;  packages  installed package versions
#   build.log    output of debootstrap, apt-get and customize.sh
#
# Cache: ${ESL_IMAGE_CACHE:-/var/cache/elastic-slurm-lab/images}/<recipe hash>/. The hash covers recipe.sh,
# packages.txt, customize.sh and every file under rootfs/ (paths and contents), not this front end. A build
# holds a lock (concurrent callers wait, then reuse the result), runs in a temporary directory beside the
# cache entries and appears by one rename: a directory that exists is complete.
#
# Environment:
#   ESL_IMAGE_CACHE  cache root (default /var/cache/elastic-slurm-lab/images)
#   ESL_DEB_CACHE    .deb files kept between builds (default /var/cache/elastic-slurm-lab/debs)
#   ESL_MIRROR       Debian mirror (default: the one this machine's apt sources use for bookworm)
# Building needs root, debootstrap, e2fsprogs (mke2fs -d), qemu-utils, util-linux (unshare, flock) and the
# mirror; using a cached image needs none of them.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${ESL_IMAGE_CACHE:-/var/cache/elastic-slurm-lab/images}"
deb_cache="${ESL_DEB_CACHE:-/var/cache/elastic-slurm-lab/debs}"

log() { printf 'guest-image: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

recipe_hash() {
  (
    cd "$here"
    { printf '%s\n' recipe.sh packages.txt customize.sh; find rootfs -type f -o -type l; } | LC_ALL=C sort |
      while IFS= read -r f; do
        if [ -L "$f" ]; then printf '%s -> %s\n' "$f" "$(readlink "$f")"
        else printf '%s %s %s\n' "$f" "$(stat -c %a "$f")" "$(sha256sum <"$f" | cut -d' ' -f1)"; fi
      done
  ) | sha256sum | cut -c1-16
}

# The Debian mirror this machine's apt uses for bookworm (deb822 .sources or one-line .list files).
host_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri="$(awk '
      function done_stanza() { if (u != "" && s ~ /(^| )bookworm( |$)/) { print u; found = 1; exit } u = ""; s = "" }
      /^[[:space:]]*$/ { done_stanza(); next }
      /^URIs:/ { u = $2 } /^Suites:/ { $1 = ""; s = $0 }
      END { if (!found) done_stanza() }' "$f")"
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri="$(awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i+1) == "bookworm") { print $i; exit } }' "$f")"
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  # no bookworm entry: the first mirror apt uses at all (a Debian mirror serves every suite)
  uri="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
  [ -n "$uri" ] && { echo "$uri"; return; }
  die "no Debian mirror in apt's sources (/etc/apt/sources.list, /etc/apt/sources.list.d): set ESL_MIRROR"
}

mode=build
case "${1:-}" in
  "") ;;
  --dir) mode=dir ;;
  --rebuild) mode=rebuild ;;
  --prune) mode=prune ;;
  *) die "unknown argument '$1' (expected nothing, --dir, --rebuild or --prune)" ;;
esac
[ $# -le 1 ] || die "one argument at most, got $#"

hash="$(recipe_hash)"
final="$cache_root/$hash"
if [ "$mode" = dir ]; then echo "$final"; exit 0; fi
if [ "$mode" = build ] && [ -f "$final/manifest" ]; then
  log "cached: $final"
  echo "$final"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || die "building or pruning needs root; run as root"
mkdir -p "$cache_root"
exec 9>"$cache_root/.build.lock"
if ! flock -n 9; then
  log "another build holds $cache_root/.build.lock; waiting"
  flock 9
fi

if [ "$mode" = prune ]; then
  for entry in "$cache_root"/*/; do
    entry="${entry%/}"
    [ -d "$entry" ] && [ "$entry" != "$final" ] || continue
    if find /proc/[0-9]*/fd -lname "$entry/*" 2>/dev/null | grep -q .; then
      log "kept $entry: a process has one of its files open"
    else
      rm -rf --one-file-system "$entry"
      log "pruned $entry"
    fi
  done
  exit 0
fi
if [ "$mode" = build ] && [ -f "$final/manifest" ]; then
  log "built meanwhile by another caller: $final"
  echo "$final"
  exit 0
fi

for tool in debootstrap mke2fs qemu-img unshare chroot; do
  command -v "$tool" >/dev/null || die "'$tool' not found (run ci/install-packages.sh)"
done
# We hold the lock: temporary directories of an interrupted build are stale.
find "$cache_root" -mindepth 1 -maxdepth 1 -name '.tmp.*' -exec rm -rf --one-file-system {} +
mkdir -p "$deb_cache"
mirror="${ESL_MIRROR:-$(host_mirror)}"
tmp="$cache_root/.tmp.$hash.$$"
trap 'rm -rf --one-file-system "$tmp"' EXIT
mkdir -p "$tmp"
log "building $hash from $mirror in $tmp"
"$here/recipe.sh" "$tmp" "$deb_cache" "$mirror" >&2
echo "recipe_hash=$hash" >>"$tmp/out/manifest"
chmod 0755 "$tmp/out"
chmod 0644 "$tmp/out/"*
if [ -d "$final" ]; then mv -T "$final" "$tmp/replaced"; fi
mv -T "$tmp/out" "$final"
log "built $final in $(awk -F= '$1 == "build_seconds" { print $2 }' "$final/manifest")s ($(du -h "$final/base.qcow2" | cut -f1) base.qcow2)"
echo "$final"
