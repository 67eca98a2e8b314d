package org.elasticslurm.provisioner.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits until every node of the run is in a phase the service promises, and counts the others as stuck. The
 * wait ends early when the service is idle: every node rests (READY, FAILED or POWERED_DOWN: no operation in
 * flight) and nothing changed for {@link #QUIET} - waiting longer cannot bring a node to the promised phase.
 * Either way it notes how many nodes are in which phase and names the nodes that are not where they should be.
 */
final class ChaosWait {
    /** How long nothing may change, with every node at rest, before the service counts as idle. */
    static final Duration QUIET = Duration.ofSeconds(10);
    private static final Set<String> RESTING = Set.of("READY", "FAILED", "POWERED_DOWN");

    /** The service's view of its nodes: name to [phase, last error]. */
    interface NodeViews {
        Map<String, String[]> nodes() throws Exception;
    }

    private final NodeViews api;
    private final List<String> nodes;
    private final List<String> notes;
    private final Set<String> stuck;
    private final Duration quiet;

    ChaosWait(NodeViews api, List<String> nodes, List<String> notes, Set<String> stuck) {
        this(api, nodes, notes, stuck, QUIET);
    }

    ChaosWait(NodeViews api, List<String> nodes, List<String> notes, Set<String> stuck, Duration quiet) {
        this.api = api;
        this.nodes = nodes;
        this.notes = notes;
        this.stuck = stuck;
        this.quiet = quiet;
    }

    /**
     * @param what the promise, for the notes ("every node READY or FAILED")
     * @param settled a node's [phase, last error] is where the wait wants it
     * @param good a node's [phase, last error] is acceptable once the wait ends (otherwise the node is stuck)
     */
    void settle(String what, Instant deadline, Predicate<String[]> settled, Predicate<String[]> good)
            throws Exception {
        Duration left = Duration.between(Instant.now(), deadline);
        Idle idle = new Idle();
        try {
            await(what).atMost(left.isNegative() ? Duration.ofSeconds(1) : left)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        Map<String, String[]> all = api.nodes();
                        return nodes.stream().allMatch(n -> all.containsKey(n) && settled.test(all.get(n)))
                                || idle.after(all, Instant.now());
                    });
            if (idle.reached) {
                notes.add("wait '" + what + "' ended early: the service is idle (every node at rest, nothing changed"
                        + " for " + quiet.toSeconds() + " s)");
            }
        } catch (ConditionTimeoutException e) {
            notes.add("wait '" + what + "' ran out of time");
        }
        Map<String, String[]> all = api.nodes();
        Map<String, Integer> phases = new TreeMap<>();
        all.values().forEach(s -> phases.merge(s[0], 1, Integer::sum));
        notes.add("after '" + what + "': " + phases);
        Map<String, List<String>> off = new TreeMap<>();
        for (String n : nodes) {
            String[] s = all.get(n);
            if (s == null || !good.test(s)) {
                stuck.add(n);
                off.computeIfAbsent(s == null ? "unknown" : s[0], k -> new ArrayList<>()).add(n);
                notes.add("stuck after '" + what + "': " + n + " " + (s == null ? "unknown" : s[0] + " " + s[1]));
            }
        }
        if (!off.isEmpty()) {
            notes.add("not " + what + ", by phase: " + off);
        }
    }

    /** Every node at rest and the same view for the quiet period. */
    private final class Idle {
        private Map<String, String> last = Map.of();
        private Instant since;
        private boolean reached;

        boolean after(Map<String, String[]> all, Instant now) {
            boolean resting = nodes.stream().allMatch(n -> all.containsKey(n) && RESTING.contains(all.get(n)[0]));
            Map<String, String> view = new TreeMap<>();
            all.forEach((n, s) -> view.put(n, s[0] + " " + s[1]));
            if (!resting || !view.equals(last)) {
                last = view;
                since = resting ? now : null;
                return false;
            }
            reached = !Duration.between(since, now).minus(quiet).isNegative();
            return reached;
        }
    }
}
