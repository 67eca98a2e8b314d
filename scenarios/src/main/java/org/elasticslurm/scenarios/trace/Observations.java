package org.elasticslurm.scenarios.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.state.NodeState;

/**
 * Everything a run has shown so far, in scenario time: an immutable snapshot.
 *
 * @param states every node state change, in time order
 * @param hooks every hook program start, in time order
 * @param log log lines of the components, in time order
 * @param jobs the jobs by scenario job id
 * @param machinesLeft the machines (domains, volumes, seeds) of the scenario that exist now; empty when the
 *                     target cannot tell
 * @param defunctProcesses defunct processes descended from the hooks now ({@code pid command}); empty when the
 *                         target cannot tell
 * @param stages stages of a real run, for reports
 */
public record Observations(
        List<StateChange> states,
        List<HookCall> hooks,
        List<LogLine> log,
        Map<String, JobRecord> jobs,
        Optional<List<String>> machinesLeft,
        Optional<List<String>> defunctProcesses,
        List<Stage> stages) {

    public Observations {
        states = List.copyOf(states);
        hooks = List.copyOf(hooks);
        log = List.copyOf(log);
        jobs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
        machinesLeft = machinesLeft.map(List::copyOf);
        defunctProcesses = defunctProcesses.map(List::copyOf);
        stages = List.copyOf(stages);
    }

    /** Nothing seen yet. */
    public static Observations empty() {
        return new Observations(List.of(), List.of(), List.of(), Map.of(), Optional.empty(), Optional.empty(),
                List.of());
    }

    /** The node's state at a time (the last change at or before it), if it had been seen by then. */
    public Optional<NodeState> stateAt(String node, Duration time) {
        NodeState found = null;
        for (StateChange c : states) {
            if (c.at().compareTo(time) > 0) {
                break;
            }
            if (c.node().equals(node)) {
                found = c.state();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Each node's changes, in order of first appearance. */
    public Map<String, List<StateChange>> byNode() {
        Map<String, List<StateChange>> out = new LinkedHashMap<>();
        for (StateChange c : states) {
            out.computeIfAbsent(c.node(), n -> new ArrayList<>()).add(c);
        }
        return out;
    }
}
