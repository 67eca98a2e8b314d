package org.elasticslurm.fake.api;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as the simulated controller shows it at one moment.
 *
 * @param id JobId
 * @param state the base state in Slurm's words (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT,
 *              NODE_FAIL, SUSPENDED)
 * @param configuring the CONFIGURING flag (its nodes are booting)
 * @param completing the COMPLETING flag (epilogs running)
 * @param submitTime SubmitTime
 * @param startTime StartTime, once started
 * @param endTime EndTime, once ended
 */
public record JobSnapshot(long id, String state, boolean configuring, boolean completing, Instant submitTime,
                          Optional<Instant> startTime, Optional<Instant> endTime) {
}
