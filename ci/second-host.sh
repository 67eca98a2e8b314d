#!/usr/bin/env bash
# A second hypervisor host inside a lab network (ci/netlab.sh): a libvirtd (qemu driver, TCG) with its own virtlogd,
# in a network namespace of its own joined to the lab's bridge by a veth pair and in a mount namespace of its own
# where /run/libvirt, /var/lib/libvirt, /var/cache/libvirt, /var/log/libvirt and /etc/libvirt are directories of
# this host's scratch directory. It listens on tcp on its lab address only (no authentication: the lab is isolated),
# so from the lab namespace it is qemu+tcp://ADDRESS:PORT/system. The machine's own libvirtd, its sockets, state
# and domains are not touched.
#
#   ci/second-host.sh up       start the host (namespace, veth, virtlogd, libvirtd); idempotent
#   ci/second-host.sh down     stop the daemons it started (by PID), delete its namespace, veth and directory
#   ci/second-host.sh status   what runs; exit 0 only when the daemon answers
#   ci/second-host.sh uri      print the host's URI (as seen from the lab namespace)
#   ci/second-host.sh pid      print libvirtd's PID (e.g. for netlab.sh adopt-tap TAP PID)
#   ci/second-host.sh stop     stop libvirtd only (the host "goes down"; its domains keep running)
#   ci/second-host.sh start    start libvirtd again after stop (same state directories)
#
# Environment: ESL_NETNS (the lab, default esl-lab), ESL_LAB_PREFIX (default 10.77.0), ESL_HOST_NAME (default h2),
# ESL_HOST_ADDR (default <prefix>.2), ESL_HOST_PORT (default 21510), ESL_HOST_DIR (default
# /run/elastic-slurm-lab/<lab netns>-<name>). The host's namespace is <lab netns>-<name>. Needs root, iproute2,
# util-linux (unshare), libvirt-daemon-system and a running lab (ci/netlab.sh up).
set -euo pipefail

LAB_NS="${ESL_NETNS:-esl-lab}"
PREFIX="${ESL_LAB_PREFIX:-10.77.0}"
NAME="${ESL_HOST_NAME:-h2}"
ADDR="${ESL_HOST_ADDR:-$PREFIX.2}"
PORT="${ESL_HOST_PORT:-21510}"
NS="$LAB_NS-$NAME"
DIR="${ESL_HOST_DIR:-/run/elastic-slurm-lab/$NS}"
BRIDGE=br0
PEER="vh-$NAME"

log() { printf 'second-host: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

valid_settings() {
  [[ "$NAME" =~ ^[a-z0-9]{1,10}$ ]] || die "ESL_HOST_NAME='$NAME' must be 1-10 lower-case letters or digits"
  [[ "$NS" =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$ ]] || die "namespace name '$NS' is not valid (at most 32 characters)"
  [[ "$ADDR" =~ ^${PREFIX//./\\.}\.([0-9]{1,3})$ ]] && [ "${BASH_REMATCH[1]}" -ge 2 ] && [ "${BASH_REMATCH[1]}" -le 254 ] ||
    die "ESL_HOST_ADDR='$ADDR' is not a host address in $PREFIX.2-254 (the lab's /24 without the gateway)"
  [[ "$PORT" =~ ^[0-9]{1,5}$ ]] && [ "$PORT" -ge 1024 ] && [ "$PORT" -le 65535 ] ||
    die "ESL_HOST_PORT='$PORT' must be a port number 1024-65535"
}

ns_exists() { [ -e "/run/netns/$1" ]; }

# PID of a daemon we started, if it runs (checked against its command line, so a recycled PID never matches).
daemon_pid() {
  local exe="$1" pid
  pid="$(cat "$DIR/$exe.pid" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$exe -f $DIR/etc/$exe.conf" || return 1
  echo "$pid"
}

answers() { ip netns exec "$LAB_NS" virsh -c "$(uri)" -q version >/dev/null 2>&1; }

uri() { echo "qemu+tcp://$ADDR:$PORT/system"; }

write_config() {
  mkdir -p "$DIR"/{etc,run,lib,cache,log,images}
  chmod 0755 "$DIR"
  cat >"$DIR/etc/libvirtd.conf" <<EOF
# second-host.sh: tcp on the lab address only, no authentication (the lab namespace is isolated)
listen_tls = 0
listen_tcp = 1
listen_addr = "$ADDR"
tcp_port = "$PORT"
auth_tcp = "none"
auth_unix_ro = "none"
auth_unix_rw = "none"
log_outputs = "3:file:$DIR/log/libvirtd.log"
EOF
  cat >"$DIR/etc/virtlogd.conf" <<EOF
log_outputs = "3:file:$DIR/log/virtlogd.log"
EOF
  cat >"$DIR/etc/qemu.conf" <<EOF
# second-host.sh: no cgroups of its own (the machine's libvirtd owns machine.slice), no security driver, and no
# ownership changes: files both daemons use (a guest kernel, an initrd) keep their owner and get no libvirt
# xattrs, so the machine's libvirtd never finds them "already in use" with another owner
cgroup_controllers = [ ]
security_driver = "none"
dynamic_ownership = 0
remember_owner = 0
user = "root"
group = "root"
EOF
  cp /etc/libvirt/libvirt.conf "$DIR/etc/" 2>/dev/null || true
}

# Runs a daemon inside the host's network namespace and a private mount namespace with its own libvirt directories.
start_daemon() {
  local exe="$1"; shift
  local pid
  if pid="$(daemon_pid "$exe")"; then return 0; fi
  rm -f "$DIR/$exe.pid"
  # ip netns exec and unshare exec their command: the PID of the background job is the daemon's. The daemon runs
  # at niceness 0 whatever the caller's (its guests inherit it; a guest's boot time is a figure).
  setsid nice -n "$((0 - $(nice)))" ip netns exec "$NS" unshare --mount --propagation private sh -c '
    d="$1"; shift
    mount --bind "$d/run" /run/libvirt
    mount --bind "$d/lib" /var/lib/libvirt
    mount --bind "$d/cache" /var/cache/libvirt
    mount --bind "$d/log" /var/log/libvirt
    mount --bind "$d/etc" /etc/libvirt
    exec "$@"' sh "$DIR" "/usr/sbin/$exe" -f "$DIR/etc/$exe.conf" -p "$DIR/run/$exe.pid" "$@" \
    </dev/null >>"$DIR/log/$exe.out" 2>&1 &
  echo $! >"$DIR/$exe.pid"
}

cmd_up() {
  ns_exists "$LAB_NS" && ip netns exec "$LAB_NS" ip link show "$BRIDGE" >/dev/null 2>&1 ||
    die "the lab $LAB_NS is not up (run: ESL_NETNS=$LAB_NS ci/netlab.sh up)"
  for d in /run/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt /etc/libvirt; do
    [ -d "$d" ] || die "$d does not exist (install libvirt-daemon-system: ci/install-packages.sh)"
  done
  write_config
  ns_exists "$NS" || ip netns add "$NS"
  ip netns exec "$NS" ip link set lo up
  if ! ip netns exec "$NS" ip link show eth0 >/dev/null 2>&1; then
    # both ends are made inside the namespaces: nothing appears in the machine's own namespace
    ip netns exec "$NS" ip link add eth0 type veth peer name "$PEER" netns "$LAB_NS"
  fi
  ip netns exec "$LAB_NS" ip link set "$PEER" master "$BRIDGE" up
  ip netns exec "$NS" ip -4 addr show dev eth0 | grep -q "inet $ADDR/24" || ip netns exec "$NS" ip addr add "$ADDR/24" dev eth0
  ip netns exec "$NS" ip link set eth0 up
  cmd_start
  log "up: $(uri) in namespace $NS (libvirtd pid $(daemon_pid libvirtd), virtlogd pid $(daemon_pid virtlogd)), directory $DIR"
}

cmd_start() {
  [ -f "$DIR/etc/libvirtd.conf" ] && ns_exists "$NS" || die "the host is not set up (run: ci/second-host.sh up)"
  start_daemon virtlogd
  start_daemon libvirtd --listen
  local _
  for _ in $(seq 1 150); do
    if answers; then return 0; fi
    daemon_pid libvirtd >/dev/null || die "libvirtd exited while starting (see $DIR/log/libvirtd.out, $DIR/log/libvirtd.log)"
    sleep 0.2
  done
  die "libvirtd does not answer on $(uri) within 30 s (see $DIR/log/libvirtd.log)"
}

stop_pid() {
  local exe="$1" pid _
  pid="$(daemon_pid "$exe")" || { rm -f "$DIR/$exe.pid"; return 0; }
  kill -TERM "$pid"
  for _ in $(seq 1 100); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
  if [ -e "/proc/$pid" ]; then kill -KILL "$pid"; fi
  rm -f "$DIR/$exe.pid"
}

cmd_stop() { stop_pid libvirtd; log "libvirtd stopped ($(uri) refuses connections)"; }

# Pids of processes in the host's network namespace other than our two daemons (e.g. its guests' qemu).
others() {
  local mine
  mine=" $(daemon_pid libvirtd || true) $(daemon_pid virtlogd || true) "
  ip netns pids "$NS" 2>/dev/null | while read -r p; do [[ "$mine" == *" $p "* ]] || echo "$p"; done | tr '\n' ' '
}

cmd_down() {
  if ns_exists "$NS"; then
    local rest
    if daemon_pid libvirtd >/dev/null; then
      # the host's own domains go with it (a domain left running would keep the namespace busy)
      local d
      for d in $(ip netns exec "$LAB_NS" virsh -c "$(uri)" -q list --all --name 2>/dev/null); do
        ip netns exec "$LAB_NS" virsh -c "$(uri)" -q destroy "$d" >/dev/null 2>&1 || true
        ip netns exec "$LAB_NS" virsh -c "$(uri)" -q undefine "$d" --nvram >/dev/null 2>&1 || true
      done
    fi
    rest="$(others)"
    [ -z "${rest// /}" ] || die "processes still run in namespace $NS (pids: $rest); stop them first (this script ends only the daemons it started)"
  fi
  stop_pid libvirtd
  stop_pid virtlogd
  if ns_exists "$LAB_NS" && ip netns exec "$LAB_NS" ip link show "$PEER" >/dev/null 2>&1; then
    ip netns exec "$LAB_NS" ip link del "$PEER"
  fi
  if ns_exists "$NS"; then ip netns del "$NS"; fi
  rm -rf --one-file-system "$DIR"
  log "down: namespace $NS and $DIR removed"
}

cmd_status() {
  local ok=0 pid
  if ns_exists "$NS"; then echo "namespace $NS: present"; else echo "namespace $NS: absent"; ok=1; fi
  for exe in virtlogd libvirtd; do
    if pid="$(daemon_pid "$exe")"; then echo "$exe: pid $pid"; else echo "$exe: not running"; ok=1; fi
  done
  if answers; then echo "uri $(uri): answers"; else echo "uri $(uri): no answer"; ok=1; fi
  echo "directory: $DIR"
  return $ok
}

[ $# -eq 1 ] || die "usage: second-host.sh up|down|status|uri|pid|stop|start (see the header of $0)"
valid_settings
case "$1" in
  uri) uri; exit 0 ;;
  pid) daemon_pid libvirtd || die "libvirtd of $NS is not running"; exit 0 ;;
esac
[ "$(id -u)" -eq 0 ] || die "'$1' needs root (namespaces)"
case "$1" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  start) cmd_start; log "libvirtd started: $(uri)" ;;
  *) die "unknown command '$1' (expected up, down, status, uri, pid, stop, start)" ;;
esac
