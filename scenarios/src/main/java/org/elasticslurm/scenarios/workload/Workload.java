package org.elasticslurm.scenarios.workload;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Jobs to simulate against a configuration, in submit order.
 *
 * @param source where it came from (a trace file, or a generated spec)
 * @param jobs the jobs, by submit time
 */
public record Workload(String source, List<WorkloadJob> jobs) {
    public Workload {
        jobs = jobs.stream().sorted(Comparator.comparing(WorkloadJob::submit).thenComparingLong(WorkloadJob::id))
                .toList();
    }

    /** Time from the first to the last submit. */
    public Duration span() {
        return jobs.isEmpty() ? Duration.ZERO : jobs.get(jobs.size() - 1).submit().minus(jobs.get(0).submit());
    }

    /** The largest processor count a job asks for. */
    public int maxProcessors() {
        return jobs.stream().mapToInt(WorkloadJob::processors).max().orElse(0);
    }

    /** Processor-hours the jobs run for. */
    public double processorHours() {
        return jobs.stream().mapToDouble(j -> j.processors() * j.runTime().toMillis() / 3_600_000.0).sum();
    }
}
