package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.Step;

/**
 * The backend faults a scenario injected: each hits the nodes it names (or every node), as many times as it says
 * (or for the rest of the run).
 */
final class BackendFaults {

    private static final class Fault {
        private final Optional<Set<String>> nodes;
        private final Optional<Duration> delay;
        private int left;

        Fault(Optional<Set<String>> nodes, int left, Optional<Duration> delay) {
            this.nodes = nodes;
            this.left = left;
            this.delay = delay;
        }

        boolean hits(String node) {
            if (nodes.isPresent() && !nodes.get().contains(node) || left == 0) {
                return false;
            }
            if (left > 0) {
                left--;
            }
            return true;
        }
    }

    private final Map<FaultKind, List<Fault>> faults = new EnumMap<>(FaultKind.class);

    void inject(Step.InjectFault f) {
        Optional<Set<String>> nodes = f.nodes().map(h -> new TreeSet<>(Hostlist.parse(h).names()));
        faults.computeIfAbsent(f.fault(), k -> new ArrayList<>())
                .add(new Fault(nodes, f.times().isPresent() ? f.times().getAsInt() : -1, f.delay()));
    }

    /** Whether a fault of this kind hits the node now (using up one of its times). */
    boolean hit(FaultKind kind, String node) {
        for (Fault f : faults.getOrDefault(kind, List.of())) {
            if (f.hits(node)) {
                return true;
            }
        }
        return false;
    }

    /** The extra boot time of the {@code slow-boot} faults that hit the node now. */
    Duration slowBoot(String node) {
        Duration extra = Duration.ZERO;
        for (Fault f : faults.getOrDefault(FaultKind.SLOW_BOOT, List.of())) {
            if (f.hits(node)) {
                extra = extra.plus(f.delay.orElse(Duration.ZERO));
            }
        }
        return extra;
    }
}
