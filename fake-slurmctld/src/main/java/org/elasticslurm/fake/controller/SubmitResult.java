package org.elasticslurm.fake.controller;

import java.util.Optional;
import org.elasticslurm.fake.job.JobView;

/**
 * The answer to a job submission.
 *
 * @param job the new job, unless it was refused
 * @param error why it was refused
 */
public record SubmitResult(Optional<JobView> job, Optional<SlurmError> error) {

    static SubmitResult accepted(JobView job) {
        return new SubmitResult(Optional.of(job), Optional.empty());
    }

    static SubmitResult rejected(SlurmError error) {
        return new SubmitResult(Optional.empty(), Optional.of(error));
    }

    /** The new job's id; throws when the submission was refused. */
    public long jobId() {
        return job.orElseThrow(() -> new IllegalStateException("submission refused: " + error.get().message())).id();
    }
}
