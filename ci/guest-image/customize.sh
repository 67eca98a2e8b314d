#!/bin/bash
# Runs INSIDE the guest root file system (chroot) after the packages are installed and the files of
# rootfs/ are copied in. Part of the image recipe: editing it changes the recipe hash.
set -euo pipefail

# A neutral name until cloud-init sets the node's own from the seed's local-hostname.
echo esl-guest > /etc/hostname
cat > /etc/hosts <<'EOF'
127.0.0.1 localhost
::1 localhost ip6-localhost ip6-loopback
EOF

# Every clone must get its own machine-id (systemd creates it on first boot when the file is empty).
: > /etc/machine-id
rm -f /var/lib/dbus/machine-id
ln -s /etc/machine-id /var/lib/dbus/machine-id

# The munge key comes from the seed; a key baked into the image would be shared by every image user.
rm -f /etc/munge/munge.key

# slurmd's spool directory (pitfall: /var/spool/slurmd does not exist; slurm.conf must say
# SlurmdSpoolDir=/var/lib/slurm/slurmd, which the package ships).
install -d -o slurm -g slurm -m 0755 /var/lib/slurm/slurmd

# Boot-time work a short-lived lab node never needs (each costs time under TCG).
systemctl mask \
  apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer \
  e2scrub_all.timer e2scrub_reap.service fstrim.timer \
  getty@tty1.service serial-getty@ttyS0.service >/dev/null

# The fake slurmd's unit (started after cloud-init's network stage when a seed brings the bundle) and the boot
# stage report on the console (ci/README.md, "Level 3 boot stages").
systemctl enable esl-fake-slurmd.service esl-boot-report.service >/dev/null 2>&1

# A small initramfs: only what finds the root disk (virtio-blk, virtio-scsi, SATA/IDE for other buses) instead
# of MODULES=most (190 modules, 15 MB); less for the initramfs' udev to do under TCG.
sed -i 's/^MODULES=.*/MODULES=list/' /etc/initramfs-tools/initramfs.conf
printf '%s\n' virtio_pci virtio_blk virtio_scsi sd_mod ahci ata_piix >> /etc/initramfs-tools/modules
update-initramfs -u -k all

# No root password (and no getty on the serial console); the console still shows the boot for debugging.
passwd -l root >/dev/null

# What was installed, for the manifest.
dpkg-query -W -f='${Package} ${Version}\n' > /tmp/esl-packages.txt
