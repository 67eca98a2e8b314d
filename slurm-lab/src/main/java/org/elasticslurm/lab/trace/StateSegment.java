package org.elasticslurm.lab.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of time a node was seen in one state.
 *
 * @param state   the state
 * @param start   first seen, tenths of a second
 * @param end     when the next state was seen, or the trace's end
 * @param last    whether it is the node's last state in the trace (its length says nothing then)
 */
record StateSegment(String state, long start, long end, boolean last) {

    /** The node's states in a trace, consecutive duplicates merged. */
    static List<StateSegment> of(Trace trace, String node) {
        List<TraceLine> lines = trace.ofKind("state", node);
        List<StateSegment> segments = new ArrayList<>();
        String current = null;
        long since = 0;
        for (TraceLine line : lines) {
            String state = line.rest();
            if (state.equals(current)) {
                continue;
            }
            if (current != null) {
                segments.add(new StateSegment(current, since, line.tenths(), false));
            }
            current = state;
            since = line.tenths();
        }
        if (current != null) {
            segments.add(new StateSegment(current, since, Math.max(since, trace.endTenths()), true));
        }
        return segments;
    }

    /**
     * Whether the other side may lack this stretch: seen for less than the threshold (a sampler can miss it), or
     * an idle node's pending power request, whatever its length. slurmctld acts on {@code POWER_UP} /
     * {@code POWER_DOWN} of an idle node at its power-save thread's next pass; the pass's phase against the request
     * is random in every daemon (the real ones here acted 0.3 s to 1.4 s after the command), so how long the request is seen says nothing
     * about either side. The node's last state is never optional.
     */
    boolean isTransient(long thresholdTenths) {
        return !last && (end - start < thresholdTenths || isIdlePendingPowerRequest());
    }

    private boolean isIdlePendingPowerRequest() {
        List<String> parts = List.of(state.split("\\+"));
        return parts.get(0).equals("IDLE") && (parts.contains("POWER_UP") || parts.contains("POWER_DOWN"));
    }

    @Override
    public String toString() {
        return state + "@" + TraceLine.formatSeconds(start);
    }
}
