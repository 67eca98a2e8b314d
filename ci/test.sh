#!/usr/bin/env bash
# The test command: installs what the tests need (when run as root and something is missing), starts the
# daemons they talk to (munged, virtlogd, libvirtd, dockerd), then runs every unit and integration test in two
# phases:
#  (a) mvn install -DskipITs: builds and installs every module (into the local repository, ~/.m2) and runs the
#      unit tests, module after module;
#  (b) the integration tests of four groups at the same time: slurm-conf, slurm-lab and fake-slurmctld;
#      provisioner-engine and provisioner; scenarios' ITs but the differential suite's; the differential suite
#      (scenarios' differential package, with failsafe reports of its own: target/failsafe-reports-differential).
#      Within a group, one offline Maven run per module that runs failsafe
#      only (no rebuild: scenarios' ITs start fake-slurmctld/target/bin and the provisioner's quarkus-app built in
#      (a)). Their CPU-bound tests share the machine's CPU slots (@CpuCost, -Dtest.cpu-slots) and their labs
#      reserve ports machine-wide. A group's output goes to target/ci-its/<group>.log and, prefixed with [<group>],
#      to standard output; every holding of CPU slots to target/ci-its/cpu-slots.log (-Dtest.cpu-slots.log: when a
#      test asked, how long it waited for its slots and held them), summed up by test class at the end. A
#      qemu-target run that does not pass keeps its guests' consoles and the lab's logs in
#      target/ci-its/failed-runs/<scenario>-<run>/ (-Delastic-lab.failed-dir), listed after the phase.
# Exit status: that of (a) if it fails, else non-zero when any module's ITs failed; the last lines give each
# module's wall time and verdict.
# Usage: bash ci/test.sh [extra maven arguments, passed to every Maven run]
set -euo pipefail
cd "$(dirname "$0")/.."

# runs a set-up step and says how long it took ("test.sh: stage <name>: N s"): the README's figures per stage
stage() {
  local name=$1 began
  shift
  began=$(date +%s)
  "$@"
  echo "test.sh: stage $name: $(( $(date +%s) - began )) s"
}

if [ "$(id -u)" -eq 0 ]; then
  stage packages bash ci/install-packages.sh
  stage munge bash ci/start-munge.sh
  stage docker bash ci/start-docker.sh
  # images with the real Slurm daemons of 22.05, 24.11 and 26.05 for SlurmContainer (cached: a few seconds; a new
  # machine builds the Debian roots once, about a minute each)
  stage slurm-images bash ci/docker/build-images.sh
  # the qemu target's guest image (cached: 0.1 s; a new machine builds it once, 90-210 s)
  stage guest-image bash -c 'bash ci/guest-image/build.sh >/dev/null'
  # libvirt last: package scripts run while the roots above are built can give the host's /dev/kvm the group
  # number of their own kvm group (seen: ssl-cert here), which makes libvirt re-probe qemu on every call (a domain
  # define took 55 s); start-libvirt.sh puts the group back
  stage libvirt bash ci/start-libvirt.sh
else
  echo "test.sh: not root: using the packages and daemons already present; infrastructure tests may skip" >&2
fi

stage "build and unit tests (mvn install -DskipITs)" mvn -B -ntp install -DskipITs "$@"

its=target/ci-its
rm -rf "$its"
mkdir -p "$its"
slots_log="$PWD/$its/cpu-slots.log"
# qemu-target runs that do not pass keep their guests' consoles and the lab's logs here (one directory per run)
failed_runs="$PWD/$its/failed-runs"

# group name, modules: the group's ITs run module after module; a group's own failsafe arguments (two groups run
# ITs of the scenarios module at once: the differential suite writes its reports and summary elsewhere)
groups=(fake-slurmctld provisioner scenarios differential)
declare -A modules=([fake-slurmctld]=slurm-conf,slurm-lab,fake-slurmctld [provisioner]=provisioner-engine,provisioner
  [scenarios]=scenarios [differential]=scenarios)
declare -A group_args=([scenarios]='-Dit.test=**/*IT,!**/differential/*IT'
  [differential]='-Dit.test=**/differential/*IT -Dscenarios.it.reports=target/failsafe-reports-differential')

run_its() {
  local group=$1
  shift
  # one Maven run per module: a module whose ITs fail does not keep the next module's from running
  local -a own
  read -r -a own <<<"${group_args[$group]:-}"
  { local module start status
    for module in ${modules[$group]//,/ }; do
      start=$(date +%s)
      status=0
      mvn -o -B -ntp -pl "$module" failsafe:integration-test failsafe:verify -Dtest.cpu-slots.log="$slots_log" \
        -Delastic-lab.failed-dir="$failed_runs" ${own[@]+"${own[@]}"} "$@" 2>&1 || status=$?
      echo "$status $(( $(date +%s) - start ))" >"$its/$group-$module.result"
    done; } | tee "$its/$group.log" | sed -u "s/^/[$group] /" || true
}

start=$(date +%s)
for group in "${groups[@]}"; do
  run_its "$group" "$@" &
done
wait

failed=()
echo "test.sh: integration tests, the four groups at the same time: $(( $(date +%s) - start )) s"
if [ -d "$failed_runs" ]; then
  echo "test.sh: runs that did not pass kept their consoles and logs in:"
  find "$failed_runs" -mindepth 1 -maxdepth 1 -type d | sort | sed 's/^/  /'
fi
if [ -s "$slots_log" ]; then
  echo "test.sh: CPU slots by test class (seconds; $slots_log has every holding):"
  bash ci/slot-summary.sh "$slots_log"
fi
for group in "${groups[@]}"; do
  for module in ${modules[$group]//,/ }; do
    read -r rc seconds <"$its/$group-$module.result" 2>/dev/null || { rc="?"; seconds=0; }
    verdict=passed
    if [ "$rc" != 0 ]; then
      verdict="FAILED (exit $rc)"
      failed+=("$group/$module")
    fi
    printf '  %-28s %-18s %3d min %02d s  (log %s)\n' "$group/$module" "$verdict" $(( seconds / 60 )) $(( seconds % 60 )) \
      "$its/$group.log"
  done
done
if [ ${#failed[@]} -gt 0 ]; then
  for group in "${groups[@]}"; do
    if grep -q '^\[ERROR\]' "$its/$group.log"; then
      echo "test.sh: the errors of $its/$group.log:"
      grep -E '^\[ERROR\]' "$its/$group.log" | head -60 | sed "s/^/[$group] /" || true
    fi
  done
  echo "test.sh: integration tests FAILED in: ${failed[*]}"
  exit 1
fi
echo "test.sh: every unit and integration test passed"
