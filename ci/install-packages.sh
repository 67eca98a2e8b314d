#!/usr/bin/env bash
# Installs (idempotently) every Debian package that the build, the tests and the labs need.
# Usage: ci/install-packages.sh            (as root; does nothing when all are present)
set -euo pipefail

packages=(
  # build
  openjdk-17-jdk-headless maven
  # real Slurm 22.05 and its authentication
  slurm-wlm slurm-client munge
  # libvirt and qemu (TCG works everywhere; KVM is used when it works)
  libvirt0 libvirt-clients libvirt-daemon-system qemu-system-x86 qemu-utils
  # cloud-init seeds, guest images, lab networking
  genisoimage debootstrap dnsmasq-base iproute2 busybox-static cpio
  # a Debian cloud kernel + initramfs for tiny test guests (direct kernel boot)
  linux-image-cloud-amd64
  # hostile-environment hook launcher, reports
  perl-base procps chromium
  # the write-up's remote-execution tool (Level 1 on persistent VMs, Level 3's playbook) and the runs' ssh keys
  ansible-core openssh-client
  # Testcontainers: a Docker engine (ci/start-docker.sh) and images imported from Debian roots (no registry)
  docker.io
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-packages: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
