#!/bin/bash
# Writes a bin directory of Slurm commands that run the real ones of a debootstrap root (ci/slurm-root.sh, which
# builds the root when it is missing):   root-commands.sh 24.11|26.05 DIR
# The wrappers are slurm-lab's (org.elasticslurm.lab.real.RootCommands, the one implementation; its Javadoc says
# what they do); this script only builds the root first. Needs slurm-lab's classes (mvn -o -B -pl slurm-lab -am
# compile).
set -euo pipefail
version=${1:-}; dir=${2:-}
case "$version" in
    24.11) suite=trixie ;;
    26.05) suite=forky ;;
    *) echo "usage: $0 24.11|26.05 DIR" >&2; exit 64 ;;
esac
[ -n "$dir" ] || { echo "usage: $0 24.11|26.05 DIR" >&2; exit 64; }
repo=$(cd "$(dirname "$0")/../../../../.." && pwd)
root=$("$repo/ci/slurm-root.sh" "$suite")
exec java -cp "$repo/slurm-lab/target/classes:$repo/slurm-conf/target/classes" \
    org.elasticslurm.lab.real.RootCommands "$version" "$dir" "$root"
