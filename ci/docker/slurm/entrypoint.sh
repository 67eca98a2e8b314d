#!/bin/bash
# Starts munged (ci/start-munge.sh), then, when a slurm.conf is given as ELASTIC_LAB_SLURM_CONF, a standing
# cluster: slurmctld and one `slurmd -N NODE` per NodeName line (each node has its own Port in that file).
# Without it the container waits, and the real-slurm target started inside it (elastic-lab replay ...
# --target real-slurm) starts its own slurmctld and slurmds per scenario.
set -euo pipefail
/usr/local/sbin/start-munge.sh
if [ -n "${ELASTIC_LAB_SLURM_CONF:-}" ]; then
  conf=$ELASTIC_LAB_SLURM_CONF
  /usr/sbin/slurmctld -c -f "$conf"
  for node in $(sed -n 's/^[[:space:]]*NodeName=\([^[:space:]]*\).*/\1/p' "$conf"); do
    [ "$node" = DEFAULT ] || /usr/sbin/slurmd -N "$node" -f "$conf"
  done
fi
echo "slurm container ready"
exec sleep infinity
