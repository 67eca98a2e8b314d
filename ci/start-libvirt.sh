#!/usr/bin/env bash
# Starts virtlogd and libvirtd (without systemd) unless they already answer; waits until qemu:///system does.
set -euo pipefail

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
