package org.elasticslurm.provisioner.admin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps one slurmd per READY node of a sim service: for each listing of the nodes it starts slurmd for a node
 * that turned READY and stops it (by its PID) once the node is anything else or missing. A node that was
 * released and made READY again between two listings (another {@code since}) gets a new slurmd. A slurmd that
 * ends on its own while its node is READY is reported once and not started again until the node is released.
 */
final class SlurmdFollower {

    /** Starts slurmd for a node. */
    interface Launcher {
        Daemon start(String node) throws IOException;
    }

    /** A started slurmd. */
    interface Daemon {
        long pid();

        /** Empty while it runs, else its exit status. */
        java.util.OptionalInt exitStatus();

        /** Stops it (SIGTERM, then SIGKILL) and waits until it is gone. */
        void stop();
    }

    /**
     * A node as the service lists it.
     *
     * @param phase the phase name (READY, POWERED_DOWN, ...)
     * @param since when the node entered it (tells two READY periods apart)
     */
    record NodePhase(String phase, String since) {
    }

    private record Running(Daemon daemon, String since) {
    }

    private final Launcher launcher;
    private final Map<String, Running> running = new TreeMap<>();
    private final Set<String> ended = new HashSet<>();
    private boolean stopped;

    SlurmdFollower(Launcher launcher) {
        this.launcher = launcher;
    }

    /** Brings the slurmds in line with one listing of the nodes; returns one line per thing done. */
    synchronized List<String> follow(Map<String, NodePhase> nodes) {
        List<String> done = new ArrayList<>();
        if (stopped) {
            return done;
        }
        for (String node : List.copyOf(running.keySet())) {
            NodePhase now = nodes.get(node);
            Running r = running.get(node);
            boolean sameReady = now != null && "READY".equals(now.phase()) && now.since().equals(r.since());
            if (!sameReady) {
                r.daemon().stop();
                running.remove(node);
                ended.remove(node);
                done.add(node + " " + (now == null ? "no longer listed" : now.phase() + " since " + now.since())
                        + ": stopped slurmd (pid " + r.daemon().pid() + ")");
            } else if (r.daemon().exitStatus().isPresent() && ended.add(node)) {
                done.add(node + " READY: slurmd (pid " + r.daemon().pid() + ") ended with status "
                        + r.daemon().exitStatus().getAsInt() + "; not started again until the node is released");
            }
        }
        for (Map.Entry<String, NodePhase> e : new TreeMap<>(nodes).entrySet()) {
            String node = e.getKey();
            if (!"READY".equals(e.getValue().phase()) || running.containsKey(node)) {
                continue;
            }
            try {
                Daemon d = launcher.start(node);
                running.put(node, new Running(d, e.getValue().since()));
                done.add(node + " READY: started slurmd (pid " + d.pid() + ")");
            } catch (IOException ex) {
                done.add(node + " READY: cannot start slurmd: " + ex.getMessage());
            }
        }
        return done;
    }

    /** Stops every slurmd started here, and starts none after that; returns one line per slurmd. */
    synchronized List<String> stopAll() {
        stopped = true;
        List<String> done = new ArrayList<>();
        running.forEach((node, r) -> {
            r.daemon().stop();
            done.add(node + ": stopped slurmd (pid " + r.daemon().pid() + ")");
        });
        running.clear();
        ended.clear();
        return done;
    }
}
