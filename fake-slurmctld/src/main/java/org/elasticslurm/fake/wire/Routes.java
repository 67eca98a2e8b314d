package org.elasticslurm.fake.wire;

/** The paths of the wire protocol. */
public final class Routes {

    /** Controller: liveness and identity ({@code scontrol ping}; slurmd watches for restarts). */
    public static final String PING = "/v1/ping";
    /** Controller: nodes and partitions ({@code ?name=NODE} for one). */
    public static final String NODES = "/v1/nodes";
    /** Controller: jobs ({@code ?id=N} for one). */
    public static final String JOBS = "/v1/jobs";
    /** Controller: the configuration in force ({@code scontrol show config}). */
    public static final String CONFIG = "/v1/config";
    /** Controller: {@code scontrol update nodename=...}. */
    public static final String UPDATE_NODE = "/v1/nodes/update";
    /** Controller: {@code scontrol reconfigure}. */
    public static final String RECONFIGURE = "/v1/reconfigure";
    /** Controller: {@code scontrol shutdown}. */
    public static final String SHUTDOWN = "/v1/shutdown";
    /** Controller: {@code sbatch}. */
    public static final String SUBMIT_BATCH = "/v1/jobs/batch";
    /** Controller: {@code srun}, answered with a stream of events until the job ends. */
    public static final String SRUN = "/v1/jobs/srun";
    /** Controller: srun gives its allocation back (on a signal). */
    public static final String COMPLETE_JOB = "/v1/jobs/complete";
    /** Controller: a slurmd registers. */
    public static final String REGISTER = "/v1/slurmd/register";
    /** Controller: a slurmd reports the end of a launch on its node. */
    public static final String TASK_DONE = "/v1/slurmd/task-done";

    /** slurmd: REQUEST_PING. */
    public static final String SLURMD_PING = "/v1/ping";
    /** slurmd: REQUEST_NODE_REGISTRATION_STATUS (answered by registering again). */
    public static final String SLURMD_REGISTRATION_REQUEST = "/v1/registration-request";
    /** slurmd: run a launch. */
    public static final String SLURMD_LAUNCH = "/v1/launch";
    /** slurmd: REQUEST_TERMINATE_JOB (answered once the job's processes are gone). */
    public static final String SLURMD_TERMINATE = "/v1/terminate";

    private Routes() {
    }
}
