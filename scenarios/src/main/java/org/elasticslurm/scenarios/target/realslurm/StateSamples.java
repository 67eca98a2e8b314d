package org.elasticslurm.scenarios.target.realslurm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.conf.state.NodeFlag;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * Node states from overlapping samples ({@code scontrol show node}) merged with the changes slurmctld's log dates
 * exactly ({@link NowResponding}), into one timeline per node.
 *
 * <p>A sample is recorded at the moment it began, with the previous observation of the node as the earliest moment
 * the change may have happened ({@link StateChange#since()}). Two samples can overlap (the sampler's and a submit's,
 * each a process that may take a JVM start): a sample that began before the last one taken says less and is dropped,
 * and then the later one stands for it, so the moment a sample is known to hold is that later one's start.
 *
 * <p>A logged registration ({@link #responded}) is placed at the time in its log line: the state it leaves is derived
 * from the node's state just before it in the timeline, and holds exactly from then ({@code since} = {@code at}) until
 * the next observation; a registration from which the state cannot be derived adds nothing. A state that lasts
 * shorter than the sampling period, such as ALLOCATED+CLOUD between a registration and a short job's end, is thus
 * seen at the moment it began. A sample begun before a registration and answered after it that shows the node no
 * longer powering up read the state after the registration: it is placed at its answer (with {@code since} the
 * registration), not at its start, which would put what it saw before the registration.
 */
final class StateSamples {

    /** What an observation is. */
    private enum Kind { SAMPLE, RESPONDED, INVALID }

    /**
     * One observation of a node: a sample's state (begun {@code at}, answered by {@code answered}), or a logged
     * registration, valid or not ({@code answered} = {@code at}).
     */
    private record Observation(Duration at, Duration answered, String node, Kind kind, NodeState state) {
    }

    /** At one moment, logged lines come before a sample (the sample's answer can only be later). */
    private static final Comparator<Observation> TIMELINE = Comparator.comparing(Observation::at)
            .thenComparing(o -> o.kind() == Kind.SAMPLE);

    /**
     * How close to a "now responding" an invalid-registration line of the same node voids it (both are logged by one
     * registration, within microseconds; a wide margin only ever leaves a change to the samples).
     */
    static final Duration SAME_REGISTRATION = Duration.ofSeconds(1);

    private final List<Observation> observations = new ArrayList<>();
    private final Map<String, Duration> lastAt = new HashMap<>();

    /**
     * Takes a sample that began at {@code at} and was answered by {@code answered}.
     *
     * @return the earliest moment from which the recorded states hold what this sample saw, or something newer:
     *     {@code at}, or the start of a later sample taken before it
     */
    synchronized Duration take(Duration at, Duration answered, Map<String, NodeState> states) {
        Duration holds = at;
        for (Map.Entry<String, NodeState> e : states.entrySet()) {
            String node = e.getKey();
            Duration newest = lastAt.getOrDefault(node, Duration.ZERO);
            if (at.compareTo(newest) < 0) {
                holds = holds.compareTo(newest) < 0 ? newest : holds;
                continue;
            }
            lastAt.put(node, at);
            observations.add(new Observation(at, answered, node, Kind.SAMPLE, e.getValue()));
        }
        return holds;
    }

    /** Notes slurmctld's "Node NODE now responding", logged at {@code at}. */
    synchronized void responded(Duration at, String node) {
        observations.add(new Observation(at, at, node, Kind.RESPONDED, null));
    }

    /** Notes slurmctld's "Setting node NODE state to INVAL", logged at {@code at}. */
    synchronized void invalid(Duration at, String node) {
        observations.add(new Observation(at, at, node, Kind.INVALID, null));
    }

    /** The changes observed so far, in time order. */
    synchronized List<StateChange> changes() {
        List<Observation> timeline = observations.stream().map(this::placed).sorted(TIMELINE).toList();
        Map<String, NodeState> state = new HashMap<>();
        Map<String, Duration> seenAt = new HashMap<>();
        List<StateChange> changes = new ArrayList<>();
        for (Observation o : timeline) {
            NodeState before = state.get(o.node());
            if (o.kind() == Kind.INVALID) {
                continue;
            }
            if (o.kind() == Kind.RESPONDED) {
                if (before != null && !invalidNear(o)) {
                    NowResponding.after(before).ifPresent(after -> {
                        if (!after.equals(before)) {
                            changes.add(new StateChange(o.at(), o.node(), after));
                        }
                        state.put(o.node(), after);
                        seenAt.put(o.node(), o.at());
                    });
                }
                continue;
            }
            if (!o.state().equals(before)) {
                // seen at this sample's (placed) start; it may have begun any time after the previous observation
                changes.add(new StateChange(o.at(), o.node(), o.state(), seenAt.getOrDefault(o.node(), o.at())));
            }
            state.put(o.node(), o.state());
            seenAt.put(o.node(), o.at());
        }
        return changes;
    }

    /**
     * A sample that shows its node not powering up, under way while a valid registration of the node was logged,
     * placed at its answer; every other observation as it is.
     */
    private Observation placed(Observation sample) {
        if (sample.kind() != Kind.SAMPLE || sample.state().has(NodeFlag.POWERING_UP)) {
            return sample;
        }
        boolean registeredMeanwhile = observations.stream().anyMatch(o -> o.kind() == Kind.RESPONDED
                && o.node().equals(sample.node()) && o.at().compareTo(sample.at()) > 0
                && o.at().compareTo(sample.answered()) <= 0 && !invalidNear(o));
        return registeredMeanwhile
                ? new Observation(sample.answered(), sample.answered(), sample.node(), Kind.SAMPLE, sample.state())
                : sample;
    }

    private boolean invalidNear(Observation responded) {
        return observations.stream().anyMatch(o -> o.kind() == Kind.INVALID && o.node().equals(responded.node())
                && o.at().minus(responded.at()).abs().compareTo(SAME_REGISTRATION) <= 0);
    }
}
