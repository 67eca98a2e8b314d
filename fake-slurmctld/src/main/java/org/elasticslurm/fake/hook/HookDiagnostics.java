package org.elasticslurm.fake.hook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Watches started power-save programs and what they started, beyond what slurmctld reports: a program still
 * running long after the call, processes left in its process group when it exits (slurmctld 23.02 and later kill
 * those), and zombies among its descendants that nobody reaps (the defunct processes an ansible run leaves).
 * Descendants are found by process group and by parent chain in /proc.
 */
final class HookDiagnostics {

    private static final class Watch {
        final long pid;
        final String label;
        final Instant started;
        Instant exitedAt;
        final Set<Long> members = new HashSet<>();
        Set<Long> zombiesSeen = new HashSet<>();
        final Set<Long> zombiesReported = new HashSet<>();
        boolean lingerReported;
        boolean exitChecked;

        Watch(long pid, String label, Instant started) {
            this.pid = pid;
            this.label = label;
            this.started = started;
        }
    }

    private final Duration lingerThreshold;
    private final Duration horizon;
    private final Map<Long, Watch> watches = new LinkedHashMap<>();

    /**
     * @param lingerThreshold how long a program may run before it is reported
     * @param horizon how long after a program's exit its leftovers are still watched
     */
    HookDiagnostics(Duration lingerThreshold, Duration horizon) {
        this.lingerThreshold = lingerThreshold;
        this.horizon = horizon;
    }

    synchronized void watch(long pid, HookInvocation invocation, Instant started) {
        watches.put(pid, new Watch(pid, invocation.kind().parameter() + " " + invocation.program(), started));
    }

    synchronized void exited(long pid, Instant when) {
        Watch w = watches.get(pid);
        if (w != null && w.exitedAt == null) {
            w.exitedAt = when;
        }
    }

    synchronized boolean idle() {
        return watches.isEmpty();
    }

    synchronized List<String> inspect(Instant now, Supplier<ProcessTable> snapshot) {
        if (watches.isEmpty()) {
            return List.of();
        }
        ProcessTable table = snapshot.get();
        List<String> findings = new ArrayList<>();
        for (Iterator<Watch> it = watches.values().iterator(); it.hasNext(); ) {
            Watch w = it.next();
            collectMembers(w, table);
            if (w.exitedAt == null && !w.lingerReported
                    && Duration.between(w.started, now).compareTo(lingerThreshold) >= 0) {
                w.lingerReported = true;
                findings.add("power_save: " + w.label + " (pid " + w.pid + ") is still running "
                        + Duration.between(w.started, now).toSeconds() + " s after it was started; slurmctld 22.05"
                        + " never kills it, 23.02 and later kill it after max(ResumeTimeout, SuspendTimeout)");
            }
            Set<Long> zombies = new HashSet<>();
            boolean anyAlive = false;
            List<String> leftovers = new ArrayList<>();
            for (long member : w.members) {
                var p = table.get(member);
                if (p.isEmpty()) {
                    continue;
                }
                if (p.get().isZombie()) {
                    zombies.add(member);
                    if (w.zombiesSeen.contains(member) && w.zombiesReported.add(member)) {
                        String parent = table.get(p.get().ppid()).map(pp -> pp.pid() + " (" + pp.comm() + ")")
                                .orElse(String.valueOf(p.get().ppid()));
                        findings.add("power_save: process " + member + " (" + p.get().comm() + ") started by "
                                + w.label + " (pid " + w.pid + ") is defunct: its parent " + parent
                                + " does not reap it");
                    }
                } else {
                    anyAlive = true;
                    if (member != w.pid && p.get().pgrp() == w.pid) {
                        leftovers.add(member + " (" + p.get().comm() + ")");
                    }
                }
            }
            w.zombiesSeen = zombies;
            if (w.exitedAt != null && !w.exitChecked) {
                w.exitChecked = true;
                if (!leftovers.isEmpty()) {
                    findings.add("power_save: " + w.label + " (pid " + w.pid + ") exited, but " + leftovers.size()
                            + " process(es) it started still run in its process group: " + String.join(", ", leftovers)
                            + "; slurmctld 23.02 and later kill them when the program exits (detach them with setsid)");
                }
            }
            boolean pastHorizon = w.exitedAt != null && Duration.between(w.exitedAt, now).compareTo(horizon) > 0;
            if (w.exitedAt != null && (!anyAlive && zombies.isEmpty() || pastHorizon)) {
                it.remove();
            }
        }
        return findings;
    }

    private static void collectMembers(Watch w, ProcessTable table) {
        if (table.get(w.pid).isPresent()) {
            w.members.add(w.pid);
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ProcessTable.Proc p : table.all()) {
                if (w.members.contains(p.pid())) {
                    continue;
                }
                if (p.pgrp() == w.pid || p.ppid() == w.pid || w.members.contains(p.ppid())) {
                    w.members.add(p.pid());
                    grew = true;
                }
            }
        }
    }
}
