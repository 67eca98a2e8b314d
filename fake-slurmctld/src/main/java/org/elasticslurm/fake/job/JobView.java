package org.elasticslurm.fake.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An immutable snapshot of a job for clients (squeue, scontrol show job).
 *
 * @param id JobId
 * @param name JobName
 * @param kind srun or sbatch
 * @param state base state
 * @param configuring the CONFIGURING flag (nodes booting)
 * @param completing the COMPLETING flag (epilogs running)
 * @param reason the pending/failure reason as squeue prints it (None, Resources, Priority, BeginTime, NodeDown)
 * @param partition the partition
 * @param nodes the allocated nodes, in order (empty while pending)
 * @param nodeList the allocated nodes as a hostlist expression ("" while pending)
 * @param submitTime SubmitTime
 * @param startTime StartTime, once started
 * @param endTime EndTime, once ended
 * @param beginTime BeginTime, when the job may not start earlier (requeued jobs)
 * @param exitCode the exit code, once ended
 * @param restarts how often it was requeued
 * @param requeue whether it is requeued on node failure
 */
public record JobView(long id, String name, JobKind kind, JobState state, boolean configuring, boolean completing,
                      String reason, String partition, List<String> nodes, String nodeList, Instant submitTime,
                      Optional<Instant> startTime, Optional<Instant> endTime, Optional<Instant> beginTime,
                      Optional<Integer> exitCode, int restarts, boolean requeue) {

    public JobView {
        nodes = List.copyOf(nodes);
    }

    /** scontrol's JobState= (job_state_string: COMPLETING and CONFIGURING win over the base state). */
    public String stateName() {
        if (completing) {
            return "COMPLETING";
        }
        if (configuring) {
            return "CONFIGURING";
        }
        return state.longName();
    }

    /** squeue's %t (job_state_string_compact): CG, CF, PD, R, CD, F, CA, NF, TO. */
    public String stateCode() {
        if (completing) {
            return "CG";
        }
        if (configuring) {
            return "CF";
        }
        return state.code();
    }
}
