#!/bin/bash
# Latency of the drop-in commands (scontrol show node, sinfo, squeue) against a running fake slurmctld:
# p50/p95/max over RUNS runs each. Same as fake-slurmctld/bin/bench CommandLatencyBenchmark [RUNS], which builds
# what it needs first.
set -euo pipefail
exec "$(dirname "$0")/../../../bin/bench" CommandLatencyBenchmark "${1:-50}"
