package org.elasticslurm.lab.trace;

import java.util.List;
import java.util.stream.Collectors;

/** The result of comparing a trace with the expected one. */
public record TraceComparison(List<TraceDifference> differences) {

    public TraceComparison {
        differences = List.copyOf(differences);
    }

    /** True when no compared aspect differs. */
    public boolean matches() {
        return differences.isEmpty();
    }

    /** The differences, one per line (empty when they match). */
    public String report() {
        return differences.stream().map(TraceDifference::toString).collect(Collectors.joining("\n"));
    }
}
