#!/usr/bin/env bash
# Starts munged (without systemd) unless it already answers; waits until it does.
set -euo pipefail

if munge -n </dev/null >/dev/null 2>&1; then
  echo "start-munge: munged already running"
  exit 0
fi
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key 2>/dev/null || true
chmod 0400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
chmod 0755 /run/munge
if id munge >/dev/null 2>&1; then
  # --force: a munged that was killed leaves its socket and lock behind; nothing answers (checked above),
  # so taking them over is safe.
  runuser -u munge -- /usr/sbin/munged --force
else
  /usr/sbin/munged --force
fi
for _ in $(seq 1 100); do
  if munge -n </dev/null | unmunge >/dev/null 2>&1; then
    echo "start-munge: munged ready"
    exit 0
  fi
  sleep 0.1
done
echo "start-munge: munged did not become ready" >&2
exit 1
