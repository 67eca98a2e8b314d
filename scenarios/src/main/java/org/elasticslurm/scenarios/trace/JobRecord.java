package org.elasticslurm.scenarios.trace;

import java.time.Duration;
import java.util.Optional;
import org.elasticslurm.scenarios.model.JobState;

/**
 * What became of a submitted job so far.
 *
 * @param job the scenario's job id ({@code job1})
 * @param state its current state
 * @param endedAt when it reached a final state
 * @param output what it printed (srun's stdout, or the batch output file)
 */
public record JobRecord(String job, JobState state, Optional<Duration> endedAt, String output) {
}
