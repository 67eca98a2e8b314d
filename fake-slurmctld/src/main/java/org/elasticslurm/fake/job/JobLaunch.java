package org.elasticslurm.fake.job;

import java.util.List;
import java.util.Optional;

/**
 * Work handed to the nodes: a batch script on the job's first node, or an srun step's command on every node.
 *
 * @param jobId the job
 * @param kind batch script or srun step
 * @param nodes the nodes (batch: the first is the batch host)
 * @param command the command line
 * @param script the batch script text, if any
 * @param workDir the working directory
 */
public record JobLaunch(long jobId, JobKind kind, List<String> nodes, List<String> command, Optional<String> script,
                        Optional<String> workDir) {

    public JobLaunch {
        nodes = List.copyOf(nodes);
        command = List.copyOf(command);
    }
}
