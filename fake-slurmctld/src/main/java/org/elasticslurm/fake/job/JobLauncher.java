package org.elasticslurm.fake.job;

import java.util.List;
import java.util.function.Consumer;

/**
 * Port through which the controller gets work done on nodes (in a simulation: a duration; with the fake slurmd:
 * a real process). Callbacks may come from any thread; the controller moves them onto its own.
 */
public interface JobLauncher {

    /** Runs the work and reports how it ended. */
    void launch(JobLaunch launch, Consumer<JobCompletion> onFinished);

    /**
     * Ends whatever of the job still runs on the nodes and runs their epilog (REQUEST_TERMINATE_JOB); reports
     * each node whose epilog completed.
     */
    void terminate(long jobId, List<String> nodes, Consumer<String> onEpilogComplete);
}
