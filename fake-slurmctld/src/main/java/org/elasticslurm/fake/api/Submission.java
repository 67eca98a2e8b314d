package org.elasticslurm.fake.api;

import java.util.Optional;

/**
 * The controller's answer to a submission: the job, or why it was refused.
 *
 * @param job the job as accepted
 * @param error the refusal in slurmctld's words (e.g. "Requested node configuration is not available")
 */
public record Submission(Optional<JobSnapshot> job, Optional<String> error) {
}
