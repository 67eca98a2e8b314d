package org.elasticslurm.fake.job;

/**
 * How a launched command ended.
 *
 * @param exitCode its exit code (128+N for a signal, as a shell reports it)
 * @param output what it printed, for srun to show
 */
public record JobCompletion(int exitCode, String output) {
}
