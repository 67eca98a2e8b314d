#!/usr/bin/env bash
# Sums a CPU slot log (-Dtest.cpu-slots.log, one line per holding: "<asked> waited=<s>s held=<s>s slots=<n>
# pid=<pid> <Class>#<method>...") by test class: holdings, seconds waited for slots, seconds held, and slot-seconds
# held (held x slots), the class holding most first. A test that lowered its holding before it ended (CpuSlots.held())
# has a line per count held ("... lowered to <k>" where a lowering ended it), so the sums stay right.
# Usage: bash ci/slot-summary.sh FILE
set -euo pipefail
awk '{
  waited = substr($2, 8) + 0; held = substr($3, 6) + 0; slots = substr($4, 7) + 0
  split($6, what, "#"); n = split(what[1], parts, "."); class = parts[n]
  count[class]++; w[class] += waited; h[class] += held; sh[class] += held * slots
} END {
  for (c in count) printf "%10.1f %-40s %5d %9.1f %9.1f\n", sh[c], c, count[c], w[c], h[c]
}' "$1" | sort -rn | awk 'BEGIN { printf "  %-40s %9s %9s %9s %12s\n", "class", "holdings", "waited", "held", "slot-seconds" }
  { printf "  %-40s %9d %9.1f %9.1f %12.1f\n", $2, $3, $4, $5, $1 }'
