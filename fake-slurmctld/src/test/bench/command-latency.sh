#!/bin/bash
# Latency of the drop-in commands (scontrol show node, sinfo, squeue) against a running fake slurmctld:
# p50/p95/max over RUNS runs each. Run from fake-slurmctld/ after `mvn package` (and `mvn test-compile`).
set -euo pipefail
runs=${1:-50}
cd "$(dirname "$0")/../../.."
cpfile=target/bench.classpath
mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat "$cpfile")" \
  org.elasticslurm.fake.server.CommandLatencyBenchmark "$runs"
