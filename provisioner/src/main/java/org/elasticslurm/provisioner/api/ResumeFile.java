package org.elasticslurm.provisioner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * SLURM_RESUME_FILE, as the documented shape of {@code resumeFile} (the service reads it leniently with
 * {@link ResumeFileReader}; unknown keys are ignored and a file it cannot understand never refuses a resume).
 * slurmctld 22.05 writes {@code {"jobs":[{"job_id":1,"nodes":"c1"}],"all_nodes":"c1"}}; 24.11 writes
 * {@code {"jobs":[{"job_id":1,"nodes_alloc":"c1","nodes_resume":"c1","partition":"debug",...}],
 * "all_nodes_resume":"c1"}}; 26.05 adds {@code exclusive} and {@code priority} to each job.
 *
 * @param jobs the jobs that caused the resume
 * @param allNodes every node being resumed (22.05)
 * @param allNodesResume every node being resumed (24.11 and later)
 */
@Schema(description = "SLURM_RESUME_FILE content, as written by slurmctld (any version; other keys are ignored)")
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResumeFile(List<Job> jobs, @JsonProperty("all_nodes") String allNodes,
        @JsonProperty("all_nodes_resume") String allNodesResume) {

    /**
     * One job.
     *
     * @param jobId Slurm job id
     * @param nodes hostlist of the job's nodes being resumed (22.05)
     * @param nodesResume hostlist of the job's nodes being resumed (24.11 and later)
     * @param nodesAlloc hostlist of all the job's nodes (24.11 and later)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Job(@JsonProperty("job_id") long jobId, String nodes,
            @JsonProperty("nodes_resume") String nodesResume, @JsonProperty("nodes_alloc") String nodesAlloc) {
    }
}
