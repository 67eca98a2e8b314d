#!/usr/bin/env bash
# Starts virtlogd and libvirtd (without systemd) unless they already answer; waits until qemu:///system does.
set -euo pipefail

# Without udev, /dev/kvm can carry a foreign group (seen: ssl-cert). libvirt then finds KVM unusable for its qemu
# user while its capability probe sees KVM, invalidates its capability cache on every lookup and re-probes
# qemu each time: creating one domain took ~2 minutes. Debian's udev rule gives the device group kvm.
if [ -c /dev/kvm ] && getent group kvm >/dev/null && [ "$(stat -c %G /dev/kvm)" != kvm ]; then
  chgrp kvm /dev/kvm
  echo "start-libvirt: /dev/kvm group set to kvm (was a foreign group: libvirt re-probed qemu on every call)"
fi

if virsh -c qemu:///system version >/dev/null 2>&1; then
  echo "start-libvirt: libvirtd already answers"
  exit 0
fi
mkdir -p /run/libvirt /var/log/libvirt
if ! pgrep -x virtlogd >/dev/null 2>&1; then
  /usr/sbin/virtlogd --daemon
fi
if ! pgrep -x libvirtd >/dev/null 2>&1; then
  /usr/sbin/libvirtd --daemon
fi
for _ in $(seq 1 150); do
  if virsh -c qemu:///system version >/dev/null 2>&1; then
    echo "start-libvirt: libvirtd ready"
    exit 0
  fi
  sleep 0.2
done
echo "start-libvirt: libvirtd did not answer on qemu:///system" >&2
exit 1
