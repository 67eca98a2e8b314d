package org.elasticslurm.fake.controller;

/**
 * When {@code _slurmctld_background} runs the main scheduler: a full pass every sched_interval (60 s), and a
 * requested one (a batch submission, a job ending, a node coming up) once batch_sched_delay (3 s) has passed since
 * the last pass. Both clocks start when the background thread does, so a batch job submitted just after slurmctld
 * started waits until 3 s after the start.
 */
final class SchedulePacing {

    private boolean requested;
    private long lastSchedule;
    private long lastFullSchedule;

    /** The background thread starts at {@code now} ({@code last_sched_time = last_full_sched_time = now}). */
    void start(long now) {
        lastSchedule = now;
        lastFullSchedule = now;
    }

    /** queue_job_scheduler. */
    void request() {
        requested = true;
    }

    /** Whether the background thread schedules at {@code now}; if so, the pass counts as done at {@code now}. */
    boolean due(long now) {
        boolean due;
        if (now - lastFullSchedule >= ControllerSettings.SCHED_INTERVAL) {
            lastFullSchedule = now;
            due = true;
        } else {
            due = requested && now - lastSchedule >= ControllerSettings.BATCH_SCHED_DELAY;
        }
        if (due) {
            requested = false;
            lastSchedule = now;
        }
        return due;
    }
}
