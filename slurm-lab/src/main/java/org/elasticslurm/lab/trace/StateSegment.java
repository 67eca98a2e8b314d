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

    boolean isTransient(long thresholdTenths) {
        return !last && end - start < thresholdTenths;
    }

    @Override
    public String toString() {
        return state + "@" + TraceLine.formatSeconds(start);
    }
}
