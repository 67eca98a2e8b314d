#!/usr/bin/env bash
# Level 3 end to end, by script, with real parts only: Debian's slurmctld 22.05 runs inside the lab network
# namespace; test1 is a CLOUD node whose ResumeProgram creates a qemu VM (TCG) from the guest image with a
# NoCloud seed (hostname, munge key, slurm.conf) and whose SuspendProgram destroys it. Proves that
# `srun -w test1 hostname` prints test1 and that the idle node is suspended (VM destroyed, disks deleted),
# and prints the time of every stage. Everything it starts is ended by PID on exit, also on failure.
#
#   ci/smoke-level3.sh [--vcpus N] [--memory MiB] [--ssh-keys shared|fresh] [--launcher qemu|libvirt]
#                      [--timings FILE] [--keep]
#
#   --vcpus N         guest vCPUs (default 1)
#   --memory MiB      guest memory (default 1024)
#   --ssh-keys MODE   shared (default): the clone keeps the image's ssh host keys (cloud-config
#                     ssh_deletekeys: false, ssh_genkeytypes: [ed25519]): faster boot, but every clone of the image
#                     has the same host keys; fresh: cloud-init generates new host keys (~9 s more under TCG)
#   --launcher L      qemu (default): the ResumeProgram runs qemu itself inside the namespace (-netdev tap
#                     on a tap already on br0); libvirt: it creates a transient domain on qemu:///system
#                     with <interface type='ethernet'>, started paused, moves libvirtd's tap into the lab
#                     (ci/netlab.sh adopt-tap) and resumes it; the SuspendProgram runs virsh destroy
#   --timings FILE    also write the stage times as `stage=seconds` lines to FILE
#   --keep            keep the work directory (logs, console, config) for inspection; on failure it is
#                     kept when ESL_SMOKE_KEEP_ON_FAIL=1
#
# Environment: ESL_NETNS (default esl-smoke), ESL_LAB_PREFIX (default 10.77.0), ESL_SMOKE_ACCEL (qemu
# accelerator, default tcg: nested KVM hangs on the machines this runs on), ESL_IMAGE_CACHE (see
# guest-image/build.sh). Needs root and the packages of ci/install-packages.sh.
set -euo pipefail

ci="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
vcpus=1 memory=1024 ssh_keys=shared timings_file="" keep=0 launcher=qemu
while [ $# -gt 0 ]; do
  case "$1" in
    --vcpus) vcpus="${2:-}"; shift 2 ;;
    --memory) memory="${2:-}"; shift 2 ;;
    --ssh-keys) ssh_keys="${2:-}"; shift 2 ;;
    --timings) timings_file="${2:-}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --launcher) launcher="${2:-}"; shift 2 ;;
    *) echo "smoke-level3: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
die() { printf 'smoke-level3: FAIL: %s\n' "$*" >&2; exit 1; }
say() { printf 'smoke-level3: %s\n' "$*" >&2; }
[[ "$vcpus" =~ ^[1-8]$ ]] || die "--vcpus must be 1..8, got '$vcpus'"
[[ "$memory" =~ ^[0-9]+$ ]] && [ "$memory" -ge 256 ] || die "--memory must be a number of MiB >= 256, got '$memory'"
case "$ssh_keys" in shared|fresh) ;; *) die "--ssh-keys must be shared or fresh, got '$ssh_keys'" ;; esac
case "$launcher" in qemu|libvirt) ;; *) die "--launcher must be qemu or libvirt, got '$launcher'" ;; esac
[ "$(id -u)" -eq 0 ] || die "needs root (network namespace, taps)"
for tool in slurmctld srun scontrol qemu-system-x86_64 qemu-img genisoimage ip perl $([ "$launcher" = libvirt ] && echo virsh); do
  command -v "$tool" >/dev/null || die "'$tool' not found (run ci/install-packages.sh)"
done

export ESL_NETNS="${ESL_NETNS:-esl-smoke}"
export ESL_LAB_PREFIX="${ESL_LAB_PREFIX:-10.77.0}"
export ESL_LAB_DIR="/run/elastic-slurm-lab/$ESL_NETNS"
accel="${ESL_SMOKE_ACCEL:-tcg}"
node=test1
timeout_resume=300
SECONDS=0

mkdir -p /run/elastic-slurm-lab
exec 8>"/run/elastic-slurm-lab/$ESL_NETNS.smoke.lock"
flock -n 8 || die "another smoke run holds /run/elastic-slurm-lab/$ESL_NETNS.smoke.lock"

work="$(mktemp -d /var/tmp/esl-smoke.XXXXXX)"
chmod 0755 "$work"
mkdir -p "$work/vm" "$work/hooks" "$work/state" "$work/seed"
: >"$work/events"
: >"$work/hook-pids"
ctld_pid="" stamper_pid="" srun_pid=""

# Ends one process we started, by PID, if it is still the process we started (its cmdline contains $2).
end_pid() {
  local pid="$1" mark="$2" _
  [ -n "$pid" ] && [ -e "/proc/$pid" ] || return 0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$mark" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do [ -e "/proc/$pid" ] || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true   # slurmctld/slurmd may ignore SIGTERM; qemu of a hook may too
  for _ in $(seq 1 20); do [ -e "/proc/$pid" ] || return 0; sleep 0.1; done
}

cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  set +e
  [ -n "$stamper_pid" ] && kill "$stamper_pid" 2>/dev/null
  end_pid "$srun_pid" "srun"
  while read -r pid; do end_pid "$pid" "$work/hooks/"; done <"$work/hook-pids"
  [ -f "$work/vm/$node.pid" ] && end_pid "$(cat "$work/vm/$node.pid")" "$work/vm/$node"
  if [ "$launcher" = libvirt ] && virsh -q -c qemu:///system domstate "$ESL_NETNS-$node" >/dev/null 2>&1; then
    virsh -q -c qemu:///system destroy "$ESL_NETNS-$node" >/dev/null
  fi
  end_pid "$ctld_pid" "$work/slurm.conf"
  "$ci/netlab.sh" down >/dev/null 2>"$work/netlab-down.err" || { cat "$work/netlab-down.err" >&2; rc=1; }
  if [ $rc -ne 0 ]; then
    say "--- last lines of slurmctld.log, hooks.log, console ---"
    tail -n 15 "$work/slurmctld.log" "$work/hooks.log" "$work/vm/$node.console" 2>/dev/null | tr -d '\r' >&2
  fi
  if [ "$keep" = 1 ] || { [ $rc -ne 0 ] && [ -n "${ESL_SMOKE_KEEP_ON_FAIL:-}" ]; }; then
    say "work directory kept: $work"
  else
    rm -rf --one-file-system "$work"
  fi
  [ $rc -eq 0 ] && say "PASS (${SECONDS}s in all)" || say "FAIL (exit $rc)"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- stage 0: the pieces -------------------------------------------------------------------------------
"$ci/start-munge.sh" >&2
[ "$launcher" = qemu ] || "$ci/start-libvirt.sh" >&2
t0=$EPOCHREALTIME
image="$("$ci/guest-image/build.sh" | tail -n1)"
t_image=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
say "guest image: $image (${t_image}s)"
"$ci/netlab.sh" up
eval "$("$ci/netlab.sh" env)"
read -r mac ip < <(awk -F, -v n="$node" '{ sub(/#.*/, "") } $3 == n { print $1, $2; exit }' "$ESL_LAB_HOSTS")
[ -n "${ip:-}" ] || die "no reservation for $node in $ESL_LAB_HOSTS"
ctl_name="$(hostname -s)"

cat >"$work/slurm.conf" <<EOF
# elastic-slurm-lab Level 3 smoke: one CLOUD node backed by a qemu VM
ClusterName=esl-smoke
SlurmctldHost=$ctl_name($ESL_LAB_GATEWAY)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
MpiDefault=none
StateSaveLocation=$work/state
SlurmctldPidFile=$work/slurmctld.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmctldDebug=info
DebugFlags=Power
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmdPidFile=/run/slurmd.pid
ReturnToService=2
TreeWidth=65533
PrivateData=cloud
ResumeProgram=$work/hooks/resume
SuspendProgram=$work/hooks/suspend
ResumeTimeout=$timeout_resume
SuspendTime=10
SuspendTimeout=10
ResumeRate=0
SuspendRate=0
NodeName=$node CPUs=$vcpus State=CLOUD
PartitionName=lab Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

# --- the hooks: written for the environment slurmctld really gives them (field notes) --------------------
# fds 0-2 closed -> reopen them before anything else (pitfall 4); signals blocked and SIGQUIT ignored ->
# clear the mask for qemu, or it would ignore SIGTERM (pitfall 5); no PATH, no HOME.
hook_head() {
  cat <<EOF
#!/bin/bash
exec </dev/null >>'$work/hooks.log' 2>&1
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export ESL_NETNS='$ESL_NETNS' ESL_LAB_PREFIX='$ESL_LAB_PREFIX' ESL_LAB_DIR='$ESL_LAB_DIR'
set -eu
echo "\$\$" >> '$work/hook-pids'
WORK='$work'; IMAGE='$image'; CI='$ci'; HOSTS='$ESL_LAB_HOSTS'; LAUNCHER='$launcher'; DOMAIN_PREFIX='$ESL_NETNS'
event() { echo "\$EPOCHREALTIME \$*" >> "\$WORK/events"; }
EOF
}
{
  hook_head
  cat <<EOF
VCPUS=$vcpus; MEMORY=$memory; ACCEL='$accel'; SSH_KEYS='$ssh_keys'
EOF
  cat <<'EOF'
event resume-invoked "$1" "sigblk=$(awk '/^SigBlk/ { print $2 }' /proc/$$/status)" "fd0=$(readlink /proc/$$/fd/0)"
for n in $(scontrol show hostnames "$1"); do
  read -r mac ip < <(awk -F, -v n="$n" '{ sub(/#.*/, "") } $3 == n { print $1, $2; exit }' "$HOSTS")
  [ -n "${ip:-}" ] || { event resume-error "$n" no-reservation; exit 1; }
  vm="$WORK/vm/$n"
  qemu-img create -q -f qcow2 -F qcow2 -b "$IMAGE/base.qcow2" "$vm.qcow2"
  mkdir -p "$vm.seed"
  printf 'instance-id: %s-%s\nlocal-hostname: %s\n' "$n" "${EPOCHREALTIME/./}" "$n" > "$vm.seed/meta-data"
  {
    echo '#cloud-config'
    echo "hostname: $n"
    echo 'manage_etc_hosts: localhost'
    # shared: keep the image's host keys. ssh_genkeytypes: [] would do the same but fails cloud-init's schema
    # check (minItems 1, a warning on the console); listing a type whose key exists generates nothing.
    if [ "$SSH_KEYS" = shared ]; then echo 'ssh_deletekeys: false'; echo 'ssh_genkeytypes: [ed25519]'; fi
    echo 'write_files:'
    echo '  - path: /etc/munge/munge.key'
    echo '    encoding: b64'
    echo "    content: $(base64 -w0 /etc/munge/munge.key)"
    echo '    owner: munge:munge'
    echo "    permissions: '0400'"
    echo '  - path: /etc/slurm/slurm.conf'
    echo '    encoding: b64'
    echo "    content: $(base64 -w0 "$SLURM_CONF")"
    echo "    permissions: '0644'"
  } > "$vm.seed/user-data"
  genisoimage -quiet -output "$vm.seed.iso" -volid cidata -joliet -rock "$vm.seed/user-data" "$vm.seed/meta-data"
  scontrol update nodename="$n" nodeaddr="$ip" nodehostname="$n"
  event disks-ready "$n"
  if [ "$LAUNCHER" = qemu ]; then
    : > "$vm.console"
    "$CI/netlab.sh" tap-add "esl-$n"
    # qemu gets an empty signal mask and default dispositions, so SIGTERM from the SuspendProgram works.
    perl -MPOSIX -e 'POSIX::sigprocmask(POSIX::SIG_SETMASK(), POSIX::SigSet->new()) or die "sigprocmask: $!";
                     $SIG{$_} = "DEFAULT" for qw(HUP INT QUIT TERM PIPE USR1 USR2 ALRM CHLD);
                     exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!"' -- \
      qemu-system-x86_64 -name "$n" -nodefaults -display none -accel "$ACCEL" -machine q35 \
        -smp "$VCPUS" -m "$MEMORY" \
        -kernel "$IMAGE/vmlinuz" -initrd "$IMAGE/initrd.img" -append "$(cat "$IMAGE/cmdline")" \
        -drive "file=$vm.qcow2,if=virtio,format=qcow2" \
        -drive "file=$vm.seed.iso,if=virtio,format=raw,readonly=on" \
        -netdev "tap,id=n0,ifname=esl-$n,script=no,downscript=no" -device "virtio-net-pci,netdev=n0,mac=$mac" \
        -serial "file:$vm.console" -pidfile "$vm.pid" -daemonize
    pid="$(cat "$vm.pid")"
  else
    # libvirtd lives in the host's namespace and creates the tap there: start paused, move the tap into the
    # lab (netlab.sh adopt-tap), then let the guest run.
    dom="$DOMAIN_PREFIX-$n"
    cat > "$vm.xml" <<XML
<domain type='$([ "$ACCEL" = kvm ] && echo kvm || echo qemu)'>
  <name>$dom</name>
  <memory unit='MiB'>$MEMORY</memory>
  <vcpu>$VCPUS</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <kernel>$IMAGE/vmlinuz</kernel>
    <initrd>$IMAGE/initrd.img</initrd>
    <cmdline>$(cat "$IMAGE/cmdline")</cmdline>
  </os>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/><source file='$vm.qcow2'/><target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/><source file='$vm.seed.iso'/><target dev='vdb' bus='virtio'/><readonly/>
    </disk>
    <interface type='ethernet'>
      <mac address='$mac'/><target dev='esl-$n'/><model type='virtio'/>
    </interface>
    <serial type='file'><source path='$vm.console'/><target port='0'/></serial>
    <memballoon model='none'/>
  </devices>
</domain>
XML
    virsh -q -c qemu:///system create "$vm.xml" --paused >/dev/null
    event domain-created "$n"
    "$CI/netlab.sh" adopt-tap "esl-$n"
    virsh -q -c qemu:///system resume "$dom" >/dev/null
    pid="$(cat "/run/libvirt/qemu/$dom.pid")"
  fi
  event qemu-started "$n" "pid=$pid" "sigblk=$(awk '/^SigBlk/ { print $2 }' /proc/$pid/status)" \
    "sigign=$(awk '/^SigIgn/ { print $2 }' /proc/$pid/status)"
done
EOF
} >"$work/hooks/resume"
{
  hook_head
  cat <<'EOF'
event suspend-invoked "$1"
for n in $(scontrol show hostnames "$1"); do
  vm="$WORK/vm/$n"
  if [ "$LAUNCHER" = libvirt ]; then
    if virsh -q -c qemu:///system domstate "$DOMAIN_PREFIX-$n" >/dev/null 2>&1; then
      virsh -q -c qemu:///system destroy "$DOMAIN_PREFIX-$n" >/dev/null
    fi
  elif [ -f "$vm.pid" ]; then
    pid="$(cat "$vm.pid")"
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$vm.qcow2"; then
      kill -TERM "$pid"
      for _ in $(seq 1 100); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
      if [ -e "/proc/$pid" ]; then kill -KILL "$pid"; event suspend-needed-sigkill "$n"; fi
      while [ -e "/proc/$pid" ]; do sleep 0.1; done
    fi
  fi
  rm -rf "$vm.qcow2" "$vm.seed" "$vm.seed.iso" "$vm.pid" "$vm.xml"
  "$CI/netlab.sh" tap-del "esl-$n"
  event vm-destroyed "$n"
done
EOF
} >"$work/hooks/suspend"
chmod 0755 "$work/hooks/resume" "$work/hooks/suspend"

# --- the controller, inside the namespace ---------------------------------------------------------------
export SLURM_CONF="$work/slurm.conf"
in_lab() { "$ci/netlab.sh" exec "$@"; }
(cd "$work" && exec "$ci/netlab.sh" exec slurmctld -D -f "$work/slurm.conf" </dev/null >>"$work/slurmctld.out" 2>&1) &
ctld_pid=$!
for _ in $(seq 1 100); do
  in_lab scontrol ping 2>/dev/null | grep -q 'is UP' && break
  [ -e "/proc/$ctld_pid" ] || die "slurmctld exited at start (see $work/slurmctld.log)"
  sleep 0.2
done
in_lab scontrol ping | grep -q 'is UP' || die "slurmctld did not answer scontrol ping"
state="$(in_lab scontrol show node "$node" | grep -o 'State=[^ ]*')"
[[ "$state" == *POWERED_DOWN* ]] || die "$node should start powered down, is $state"
say "slurmctld pid $ctld_pid up in $ESL_NETNS; $node $state"

# --- the run --------------------------------------------------------------------------------------------
# The console, time-stamped as it arrives (one bash loop, ended by PID in cleanup). It waits for the file:
# libvirt creates it afresh when it defines the domain.
( until [ -e "$work/vm/$node.console" ]; do sleep 0.1; done
  exec <"$work/vm/$node.console"
  buf=""
  while :; do
    if IFS= read -r line; then echo "$EPOCHREALTIME ${buf}${line%$'\r'}"; buf=""
    else buf+="$line"; sleep 0.1; fi
  done >"$work/console.stamped" ) 2>/dev/null &
stamper_pid=$!

say "submitting: srun -w $node hostname ($vcpus vCPU, $memory MiB, accel $accel, ssh keys $ssh_keys, launcher $launcher)"
t_submit=$EPOCHREALTIME
# In the background and waited for, so that a signal to this script is handled at once (cleanup ends srun).
(cd /tmp && exec timeout $((timeout_resume + 60)) "$ci/netlab.sh" exec srun -w "$node" hostname \
  >"$work/srun.out" 2>"$work/srun.err") &
srun_pid=$!
wait "$srun_pid" || die "srun failed: $(tr '\n' ' ' <"$work/srun.err")"
t_srun=$EPOCHREALTIME
out="$(cat "$work/srun.out")"
[ "$out" = "$node" ] || die "srun printed '$out', expected '$node'"
say "srun printed '$out'"

# Idle suspend: SuspendTime=10 -> SuspendProgram destroys the VM -> POWERED_DOWN after SuspendTimeout.
deadline=$((SECONDS + 120))
until grep -q " vm-destroyed $node" "$work/events"; do
  [ $SECONDS -lt $deadline ] || die "$node was not suspended within 120 s of the job's end"
  sleep 0.5
done
until in_lab scontrol show node "$node" | grep -q 'State=[^ ]*POWERED_DOWN'; do
  [ $SECONDS -lt $deadline ] || die "$node did not return to POWERED_DOWN"
  sleep 0.5
done
t_down=$EPOCHREALTIME
[ ! -e "$work/vm/$node.qcow2" ] && [ ! -e "$work/vm/$node.seed.iso" ] || die "the VM's disks were not deleted"
if [ -n "$(in_lab ip link show "esl-$node" 2>/dev/null)" ]; then die "tap esl-$node left behind"; fi

# --- figures --------------------------------------------------------------------------------------------
ev() { awk -v k="$1" -v t="$t_submit" '$2 == k && $1 >= t { print $1; exit }' "$work/events"; }
t_resume="$(ev resume-invoked)"; t_qemu="$(ev qemu-started)"
t_suspend="$(ev suspend-invoked)"; t_destroyed="$(ev vm-destroyed)"
t_lease="$(awk -v m="$mac" -v t="$t_submit" '($2 == "add" || $2 == "old") && tolower($3) == m && $1 >= t { print $1; exit }' "$ESL_LAB_EVENTS")"
reg_line="$(grep -m1 "Node $node now responding" "$work/slurmctld.log" | sed -e 's/^\[\([^]]*\)\].*/\1/')"
t_reg="$([ -n "$reg_line" ] && date -d "$reg_line" +%s.%N)"
t_console="$(awk 'NF > 1 { print $1; exit }' "$work/console.stamped")"
t_ci_done="$(awk '/Cloud-init v\. .* finished/ { print $1; exit }' "$work/console.stamped")"
sigblk_hook="$(grep -m1 ' resume-invoked ' "$work/events" | grep -o 'sigblk=[0-9a-f]*' | cut -d= -f2)"
sigblk_qemu="$(grep -m1 ' qemu-started ' "$work/events" | grep -o 'sigblk=[0-9a-f]*' | cut -d= -f2)"
sigign_qemu="$(grep -m1 ' qemu-started ' "$work/events" | grep -o 'sigign=[0-9a-f]*' | cut -d= -f2)"
rel() { [ -n "$1" ] && awk -v a="$t_submit" -v b="$1" 'BEGIN { printf "%.1f", b - a }' || echo "-"; }

{
  printf 'Level 3 smoke: %s vCPU, %s MiB, accel %s, ssh keys %s, launcher %s (seconds after srun was submitted)\n' \
    "$vcpus" "$memory" "$accel" "$ssh_keys" "$launcher"
  printf '  %-34s %8s\n' "guest image (build or cache hit)" "$t_image (before submission)"
  printf '  %-34s %8s\n' "ResumeProgram invoked" "$(rel "$t_resume")"
  printf '  %-34s %8s\n' "overlay, seed, nodeaddr done" "$(rel "$(ev disks-ready)")"
  [ "$launcher" = libvirt ] && printf '  %-34s %8s\n' "domain created (paused)" "$(rel "$(ev domain-created)")"
  printf '  %-34s %8s\n' "guest running (qemu started)" "$(rel "$t_qemu")"
  printf '  %-34s %8s\n' "first console output" "$(rel "$t_console")"
  printf '  %-34s %8s\n' "DHCP lease" "$(rel "$t_lease")"
  printf '  %-34s %8s\n' "slurmd registered" "$(rel "$t_reg")"
  printf '  %-34s %8s\n' "srun printed $node" "$(rel "$t_srun")"
  printf '  %-34s %8s\n' "cloud-init finished (if before)" "$(rel "$t_ci_done")"
  printf '  %-34s %8s\n' "SuspendProgram invoked (idle)" "$(rel "$t_suspend")"
  printf '  %-34s %8s\n' "VM destroyed, disks deleted" "$(rel "$t_destroyed")"
  printf '  %-34s %8s\n' "node POWERED_DOWN again" "$(rel "$t_down")"
  printf '  destroy took %ss; SigBlk of the hook %s (from slurmctld), of qemu %s (its own), qemu SigIgn %s\n' \
    "$(awk -v a="$t_suspend" -v b="$t_destroyed" 'BEGIN { printf "%.1f", b - a }')" "$sigblk_hook" "$sigblk_qemu" "$sigign_qemu"
} | tee "$work/summary" >&2
if [ -n "$timings_file" ]; then
  {
    echo "vcpus=$vcpus"; echo "memory_mib=$memory"; echo "accel=$accel"; echo "ssh_keys=$ssh_keys"; echo "launcher=$launcher"
    echo "image_seconds=$t_image"
    echo "resume_invoked=$(rel "$t_resume")"; echo "qemu_started=$(rel "$t_qemu")"
    echo "first_console=$(rel "$t_console")"; echo "dhcp_lease=$(rel "$t_lease")"
    echo "slurmd_registered=$(rel "$t_reg")"; echo "srun_done=$(rel "$t_srun")"
    echo "cloud_init_finished=$(rel "$t_ci_done")"; echo "suspend_invoked=$(rel "$t_suspend")"
    echo "vm_destroyed=$(rel "$t_destroyed")"; echo "powered_down=$(rel "$t_down")"
  } >"$timings_file"
fi
[ -n "$t_resume" ] && [ -n "$t_lease" ] && [ -n "$t_reg" ] || die "a stage left no trace (see the table above)"
# SIGTERM is bit 14 (0x4000): qemu must neither block nor ignore it, and the SuspendProgram's SIGTERM must have
# sufficed (qemu blocks a few signals of its own, e.g. SIGBUS, SIGUSR1, SIGALRM, SIGIO: not our concern).
[ $((16#$sigblk_qemu & 0x4000)) -eq 0 ] && [ $((16#$sigign_qemu & 0x4000)) -eq 0 ] ||
  die "qemu was started with SIGTERM blocked or ignored (SigBlk $sigblk_qemu, SigIgn $sigign_qemu)"
! grep -q ' suspend-needed-sigkill ' "$work/events" || die "qemu ignored SIGTERM; the SuspendProgram had to SIGKILL it"
