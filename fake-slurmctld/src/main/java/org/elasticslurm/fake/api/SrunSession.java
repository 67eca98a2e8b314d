package org.elasticslurm.fake.api;

import java.util.List;

/** A simulated {@code srun} client: it waits for booting nodes as 22.05's srun does, and prints what srun prints. */
public interface SrunSession {

    /** The job's id (0 when the submission was refused). */
    long jobId();

    /** What srun printed on stdout so far (the command's output). */
    List<String> stdout();

    /** What srun printed on stderr so far. */
    List<String> stderr();
}
