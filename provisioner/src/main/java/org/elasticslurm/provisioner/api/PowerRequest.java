package org.elasticslurm.provisioner.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/resume|suspend|resume-fail}.
 *
 * @param nodes Slurm hostlist expression, as slurmctld passes it to its hook programs
 * @param resumeFile the SLURM_RESUME_FILE content (resume only, optional), any JSON: it is advice and read by
 *     {@link ResumeFileReader}, never a reason to refuse
 * @param force suspend and resume-fail only: release even nodes Slurm shows busy (optional, default false)
 */
@Schema(description = "Nodes to act on")
public record PowerRequest(
        @Schema(description = "Slurm hostlist expression of CLOUD nodes", examples = "test[1-3]", required = true)
        String nodes,
        @Schema(description = "Content of SLURM_RESUME_FILE (resume only; any Slurm version; a file that is not"
                + " understood is logged and ignored)", implementation = ResumeFile.class)
        JsonNode resumeFile,
        @Schema(description = "Suspend and resume-fail only: release the machines even of nodes Slurm shows busy"
                + " (or when Slurm's view cannot be read)", defaultValue = "false")
        Boolean force) {

    /** Whether the request overrides the check against Slurm's view. */
    boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
