#!/usr/bin/env bash
# The test command: installs what the tests need (when run as root and something is missing), starts the
# daemons they talk to (munged, virtlogd, libvirtd, dockerd), then runs every unit and integration test.
# Usage: bash ci/test.sh [extra maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then
  bash ci/install-packages.sh
  bash ci/start-munge.sh
  bash ci/start-docker.sh
  # images with the real Slurm daemons of 22.05, 24.11 and 26.05 for SlurmContainer (cached: a few seconds; a new
  # machine builds the Debian roots once, about a minute each)
  bash ci/docker/build-images.sh
  # the qemu target's guest image (cached: 0.1 s; a new machine builds it once, 90-210 s)
  bash ci/guest-image/build.sh >/dev/null
  # libvirt last: package scripts run while the roots above are built can give the host's /dev/kvm the group
  # number of their own kvm group (seen: ssl-cert here), which makes libvirt re-probe qemu on every call (a domain
  # define took 55 s); start-libvirt.sh puts the group back
  bash ci/start-libvirt.sh
else
  echo "test.sh: not root: using the packages and daemons already present; infrastructure tests may skip" >&2
fi

exec mvn -B -ntp verify "$@"
