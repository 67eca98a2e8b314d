package org.elasticslurm.fake.api;

/** What happens to a batch job, told on the clock's thread as it happens. */
public interface BatchJobListener {

    /** The job got its nodes. */
    default void allocated(JobSnapshot job) {
    }

    /** The batch step ended with this output. */
    default void stepFinished(JobSnapshot job, String output) {
    }

    /** The job ended, whatever the cause. */
    default void ended(JobSnapshot job) {
    }
}
