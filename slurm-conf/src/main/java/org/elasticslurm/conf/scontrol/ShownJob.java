package org.elasticslurm.conf.scontrol;

/**
 * One job of {@code scontrol show job} output.
 *
 * @param record all its values
 */
public record ShownJob(ScontrolRecord record) {

    /** JobId. */
    public long id() {
        return Long.parseLong(record.require("JobId"));
    }

    /** {@code JobState=} as printed, e.g. {@code RUNNING}, {@code CONFIGURING}. */
    public String state() {
        return record.require("JobState");
    }
}
