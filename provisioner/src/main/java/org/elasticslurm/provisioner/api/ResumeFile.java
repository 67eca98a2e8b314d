package org.elasticslurm.provisioner.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * SLURM_RESUME_FILE as slurmctld 22.05 writes it: {@code {"jobs":[{"job_id":1,"nodes":"c1"}],"all_nodes":"c1"}}.
 *
 * @param jobs the jobs that caused the resume
 * @param allNodes every node being resumed
 */
@Schema(description = "SLURM_RESUME_FILE content")
public record ResumeFile(List<Job> jobs, @JsonProperty("all_nodes") String allNodes) {

    /**
     * One job.
     *
     * @param jobId Slurm job id
     * @param nodes hostlist of the job's nodes being resumed
     */
    public record Job(@JsonProperty("job_id") long jobId, String nodes) {
    }
}
