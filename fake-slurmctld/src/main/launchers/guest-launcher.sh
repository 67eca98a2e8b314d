#!/bin/sh
# @NAME@ of fake-slurmctld's guest bundle (fake-slurmd-guest.tar.gz): the drop-in @NAME@ for a machine of its own,
# e.g. a VM guest (see fake-slurmctld/DROP-IN.md, "Guest bundle"). Needs a Java 17 runtime: $JAVA_HOME/bin/java,
# else java on PATH, else /usr/bin/java. Runs @MAIN@ with the jars in ../lib.
self=$(readlink -f "$0")
home=$(dirname "$(dirname "$self")")
cp=
for jar in "$home"/lib/*.jar; do
  cp="$cp${cp:+:}$jar"
done
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  java=java
else
  java=/usr/bin/java
fi
FAKE_SLURM_LAUNCHER="$self"
export FAKE_SLURM_LAUNCHER
exec "$java" @JVM_OPTIONS@ -cp "$cp" @MAIN@ "$@"
