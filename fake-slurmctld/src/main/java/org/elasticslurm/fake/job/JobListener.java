package org.elasticslurm.fake.job;

/**
 * What an srun client hears from the controller about its job (the messages slurmctld sends to srun). Called on
 * the controller thread; implementations hand the news to the client.
 */
public interface JobListener {

    /** The job got its nodes ("srun: job N has been allocated resources" when it had to wait). */
    default void onAllocated(JobView job, boolean waited) {
    }

    /** A node of the job failed (srun prints "Node failure on NODES"). */
    default void onNodeFailure(JobView job, String nodes) {
    }

    /** The step (the command) ended. */
    default void onStepFinished(JobView job, JobCompletion completion) {
    }

    /** The job ended, whatever the cause. */
    default void onJobEnded(JobView job) {
    }

    /** Listens to nothing. */
    JobListener NONE = new JobListener() {
    };
}
