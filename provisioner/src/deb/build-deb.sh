#!/bin/sh
# Builds target/elastic-slurm-provisioner_<version>_all.deb from the release tarball of the same build, so that the
# package and the tarball always hold the same files. Run by `mvn package` (provisioner/pom.xml) after the tarball.
#
#   build-deb.sh TARBALL MAVEN-VERSION OUTPUT-DIR [MAINTAINER]
#
# MAINTAINER ("Name <address>") goes into the control file and the changelog (mvn -Ddeb.maintainer=...).
#
# Layout: /usr/lib/elastic-slurm-provisioner (service, hook clients, the command's wrapper),
# /usr/bin/elastic-slurm-provisioner, /lib/systemd/system/elastic-slurm-provisioner.service,
# /etc/elastic-slurm/provisioner.properties (conffile), /usr/share/doc/elastic-slurm-provisioner.
set -eu
[ $# -ge 3 ] || { echo "usage: build-deb.sh TARBALL MAVEN-VERSION OUTPUT-DIR [MAINTAINER]" >&2; exit 64; }
tarball=$1
# Debian versions sort "~" before anything, so 0.1.0~SNAPSHOT < 0.1.0 as 0.1.0-SNAPSHOT < 0.1.0 in Maven
version=$(printf '%s' "$2" | tr '-' '~')
out=$3
maintainer=${4:-elastic-slurm-lab <elastic-slurm-lab@localhost>}
here=$(cd "$(dirname "$0")" && pwd)
name=elastic-slurm-provisioner
home=/usr/lib/$name
doc=/usr/share/doc/$name

work=$out/deb
rm -rf "$work"
mkdir -p "$work/release"
tar xzf "$tarball" -C "$work/release"
release=$(echo "$work"/release/elastic-slurm-provisioner-*)
pkg=$work/$name
umask 022
install -d "$pkg$home/bin" "$pkg$home/lib" "$pkg/usr/bin" "$pkg/lib/systemd/system" "$pkg/etc/elastic-slurm" \
    "$pkg$doc" "$pkg/usr/share/lintian/overrides" "$pkg/usr/share/man/man1" "$pkg/DEBIAN"

cp -R "$release/quarkus-app" "$pkg$home/quarkus-app"
install -m 0644 "$release/lib/provisioner-hooks.jar" "$pkg$home/lib/provisioner-hooks.jar"
sed -e "s|@JAVA@|/usr/bin/java|g" -e "s|@HOME@|$home|g" \
    -e "s|Paths were fixed by install.sh|Paths are those of the Debian package|" \
    "$release/bin/$name" > "$pkg$home/bin/$name"
chmod 0755 "$pkg$home/bin/$name"
ln -s "../lib/$name/bin/$name" "$pkg/usr/bin/$name"
# the unit: no SupplementaryGroups= (postinst adds the user to the libvirt and kvm groups that exist, and
# systemd gives a User= its groups); local changes belong in a drop-in, which survives upgrades
sed -e "s|file:@HOME@/docs/production.md|file:$doc/production.md|" -e "s|@HOME@|$home|g" -e "s|@ROOT@||g" \
    -e "s|Written by install.sh;|From the package;|" \
    -e "/^# libvirt: the qemu:\/\/\/system socket/d" -e "/^SupplementaryGroups=/d" \
    "$release/systemd/$name.service" > "$pkg/lib/systemd/system/$name.service"
chmod 0644 "$pkg/lib/systemd/system/$name.service"
install -m 0644 "$release/etc/provisioner.properties" "$pkg/etc/elastic-slurm/provisioner.properties"

install -m 0644 "$release/docs/production.md" "$pkg$doc/production.md"
cp -R "$release/examples" "$pkg$doc/examples"
install -m 0644 "$here/copyright" "$pkg$doc/copyright"
install -m 0644 "$here/lintian-overrides" "$pkg/usr/share/lintian/overrides/$name"
sed -e "s|@VERSION@|$version|g" -e "s|@MAINTAINER@|$maintainer|g" -e "s|@DATE@|$(date -u -R -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")|g" \
    "$here/changelog" | gzip -9n > "$pkg$doc/changelog.gz"
gzip -9n < "$here/$name.1" > "$pkg/usr/share/man/man1/$name.1.gz"
find "$pkg" -type d -exec chmod 0755 {} +
find "$pkg$home/quarkus-app" "$pkg$doc" -type f -exec chmod 0644 {} +

for script in postinst prerm postrm; do
    install -m 0755 "$here/$script" "$pkg/DEBIAN/$script"
done
echo /etc/elastic-slurm/provisioner.properties > "$pkg/DEBIAN/conffiles"
chmod 0644 "$pkg/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s|@VERSION@|$version|g" -e "s|@SIZE@|$size|g" -e "s|@MAINTAINER@|$maintainer|g" "$here/control" > "$pkg/DEBIAN/control"
(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) \
    > "$pkg/DEBIAN/md5sums"
chmod 0644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/md5sums"

deb=$out/${name}_${version}_all.deb
rm -f "$out/${name}_"*_all.deb
# gzip, not xz: the jars are compressed already (xz: 3 % smaller, 12 times the time)
dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$deb" >/dev/null
rm -rf "$work"
echo "built $deb"
