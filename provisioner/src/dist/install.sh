#!/bin/sh
# Installs the elastic-slurm provisioner from this release directory.
#
#   ./install.sh [--root DIR] [--java PATH]
#
#   --root DIR   install below DIR instead of / (a scratch root; the files refer to each other below DIR)
#   --java PATH  the java (17 or later) the service and the commands run with; default: java on PATH
#
# Puts the service and the commands into ROOT/opt/elastic-slurm, the command into ROOT/usr/local/bin, the unit
# into ROOT/etc/systemd/system, the configuration into ROOT/etc/elastic-slurm/provisioner.properties (an existing
# one is kept; the new template is written beside it as provisioner.properties.new), and makes
# ROOT/var/lib/elastic-slurm (operation log). Creates the system user elastic-slurm when it is missing (as root).
# Run again to upgrade: the program files are replaced, the configuration and the operation log are kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=
java=
while [ $# -gt 0 ]; do
    case "$1" in
        --root) [ $# -ge 2 ] || { echo "install.sh: --root needs a directory" >&2; exit 64; }
                root=${2%/}; shift 2 ;;
        --java) [ $# -ge 2 ] || { echo "install.sh: --java needs a path" >&2; exit 64; }
                java=$2; shift 2 ;;
        *) echo "install.sh: unknown argument $1 (usage: install.sh [--root DIR] [--java PATH])" >&2; exit 64 ;;
    esac
done
case "$root" in ''|/*) ;; *) echo "install.sh: --root must be an absolute path ($root)" >&2; exit 64 ;; esac
if [ -z "$java" ]; then
    java=$(command -v java || true)
    [ -n "$java" ] || { echo "install.sh: no java on PATH; give --java PATH (java 17 or later)" >&2; exit 1; }
fi
java=$(readlink -f "$java")
[ -x "$java" ] || { echo "install.sh: $java is not executable" >&2; exit 1; }
user=elastic-slurm
home=$root/opt/elastic-slurm

if ! id "$user" >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        useradd --system --user-group --home-dir /var/lib/elastic-slurm --no-create-home \
            --shell /usr/sbin/nologin "$user"
        echo "created system user $user"
    else
        echo "install.sh: user $user does not exist and only root can create it" >&2; exit 1
    fi
fi
groups=
for g in libvirt kvm; do
    if getent group "$g" >/dev/null; then groups="$groups $g"; fi
done
groups=${groups# }

install -d -m 0755 "$home" "$home/bin" "$home/lib" "$home/docs" "$root/usr/local/bin" \
    "$root/etc/elastic-slurm" "$root/etc/systemd/system"
# the program files: replaced as a whole (an upgrade leaves nothing of the old version behind)
rm -rf "$home/quarkus-app.new"
cp -R "$here/quarkus-app" "$home/quarkus-app.new"
chmod -R go-w "$home/quarkus-app.new"
rm -rf "$home/quarkus-app"
mv "$home/quarkus-app.new" "$home/quarkus-app"
install -m 0644 "$here/lib/provisioner-hooks.jar" "$home/lib/provisioner-hooks.jar"
install -m 0644 "$here/docs/production.md" "$home/docs/production.md"
sed -e "s|@JAVA@|$java|g" -e "s|@HOME@|$home|g" "$here/bin/elastic-slurm-provisioner" > "$home/bin/elastic-slurm-provisioner.new"
chmod 0755 "$home/bin/elastic-slurm-provisioner.new"
mv "$home/bin/elastic-slurm-provisioner.new" "$home/bin/elastic-slurm-provisioner"
ln -sfn "$home/bin/elastic-slurm-provisioner" "$root/usr/local/bin/elastic-slurm-provisioner"
sed -e "s|@HOME@|$home|g" -e "s|@ROOT@|$root|g" -e "s|@GROUPS@|$groups|g" \
    "$here/systemd/elastic-slurm-provisioner.service" > "$root/etc/systemd/system/elastic-slurm-provisioner.service"
chmod 0644 "$root/etc/systemd/system/elastic-slurm-provisioner.service"

conf=$root/etc/elastic-slurm/provisioner.properties
if [ -e "$conf" ]; then
    install -m 0640 -g "$user" "$here/etc/provisioner.properties" "$conf.new"
    echo "kept $conf; the template of this version is $conf.new"
else
    install -m 0640 -g "$user" "$here/etc/provisioner.properties" "$conf"
    echo "wrote $conf (every key commented out: edit it)"
fi
install -d -m 0750 -o "$user" -g "$user" "$root/var/lib/elastic-slurm"

echo "installed into $home (java $java)"
if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
fi
cat <<NEXT
next steps (docs: $home/docs/production.md):
  elastic-slurm-provisioner token new          # prints the token once; copy it to the controller
  edit $conf
  runuser -u $user -- elastic-slurm-provisioner check
  systemctl enable --now elastic-slurm-provisioner
NEXT
