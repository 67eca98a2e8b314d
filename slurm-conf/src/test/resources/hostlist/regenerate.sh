#!/usr/bin/env bash
# Regenerates corpus.tsv: the answers of the real `scontrol show hostnames|hostlist|hostlistsorted` to the
# expressions of examples.txt and to seeded random ones (HostlistCorpusGenerator.java, run with the JDK's
# source launcher; no build needed). scontrol needs no controller for these verbs, only a minimal slurm.conf.
#
# Usage: slurm-conf/src/test/resources/hostlist/regenerate.sh [COUNT [SEED]]
# Needs: scontrol (Debian package slurm-client), java 17.
set -euo pipefail

count="${1:-700}"
seed="${2:-20220508}"
here="$(cd "$(dirname "$0")" && pwd)"
generator="$here/../../../test/java/org/elasticslurm/conf/HostlistCorpusGenerator.java"

command -v scontrol >/dev/null || { echo "regenerate.sh: scontrol not found (apt-get install slurm-client)" >&2; exit 1; }
command -v java >/dev/null || { echo "regenerate.sh: java not found" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'ClusterName=x\nSlurmctldHost=%s\n' "$(hostname -s)" > "$work/slurm.conf"

SLURM_CONF="$work/slurm.conf" java "$generator" "$here/examples.txt" "$count" "$seed" > "$work/corpus.tsv"
mv "$work/corpus.tsv" "$here/corpus.tsv"
echo "regenerate.sh: wrote $(grep -vc '^#' "$here/corpus.tsv") expressions to $here/corpus.tsv"
