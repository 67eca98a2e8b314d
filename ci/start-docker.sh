#!/usr/bin/env bash
# Starts dockerd (without systemd) unless one already answers on /run/docker.sock; waits until it does.
# It is started so that the libvirt and network-namespace labs keep working: no iptables rules (the host's
# FORWARD policy stays as it is), no docker0 bridge, no ip_forward change. Containers therefore use the host's
# network (Testcontainers: withNetworkMode("host")); no image registry is used (images are imported locally,
# ci/docker/build-images.sh).
# Usage: ci/start-docker.sh            (as root; prints the PID it started, or that one runs)
set -euo pipefail

docker=/usr/bin/docker
sock=/run/docker.sock
state=/run/elastic-slurm-lab
log=/var/log/elastic-slurm-lab/dockerd.log

answers() { "$docker" -H "unix://$sock" info --format '{{.ServerVersion}}' >/dev/null 2>&1; }

if answers; then
  echo "start-docker: dockerd already running ($("$docker" -H "unix://$sock" info --format '{{.ServerVersion}}'))"
  exit 0
fi
[ -x /usr/sbin/dockerd ] || { echo "start-docker: /usr/sbin/dockerd is missing (apt-get install docker.io)" >&2; exit 1; }
mkdir -p "$state" "$(dirname "$log")"
pidfile=$state/dockerd.pid
if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "start-docker: dockerd $(cat "$pidfile") is starting; waiting for it"
else
  # containerd is started by dockerd itself; a stale socket of a killed dockerd is replaced
  rm -f "$sock"
  setsid /usr/sbin/dockerd -H "unix://$sock" --pidfile "$pidfile" \
      --iptables=false --ip-forward=false --ip-masq=false --bridge=none \
      </dev/null >>"$log" 2>&1 &
  echo "start-docker: started dockerd $! (log: $log)"
fi
for _ in $(seq 1 600); do
  if answers; then
    echo "start-docker: dockerd ready ($("$docker" -H "unix://$sock" info --format '{{.ServerVersion}}'))"
    exit 0
  fi
  sleep 0.1
done
echo "start-docker: dockerd did not answer within 60 s; its log: $log" >&2
tail -n 20 "$log" >&2 || true
exit 1
