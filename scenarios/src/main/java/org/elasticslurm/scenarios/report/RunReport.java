package org.elasticslurm.scenarios.report;

import java.time.Instant;
import java.util.List;

/**
 * The results of one {@code replay}/{@code validate} invocation.
 *
 * @param title what was run ({@code elastic-lab replay level0})
 * @param startedAt when it started (wall clock)
 * @param scenarios one result per scenario and target, in order
 */
public record RunReport(String title, Instant startedAt, List<ScenarioResult> scenarios) {
    public RunReport {
        scenarios = List.copyOf(scenarios);
    }

    /** Whether every scenario passed. */
    public boolean passed() {
        return scenarios.stream().allMatch(ScenarioResult::passed);
    }
}
