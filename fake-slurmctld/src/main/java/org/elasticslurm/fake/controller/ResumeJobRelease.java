package org.elasticslurm.fake.controller;

import java.util.BitSet;
import java.util.function.Function;

/**
 * When the power-save thread drops a job from its list of jobs waiting for node resumes, per version (the
 * differential scenario resume-job-list, DebugFlags=Power).
 */
enum ResumeJobRelease {

    /**
     * 22.05: the nodes just resumed still count as needing it, so the job stays listed until a later scan finds it
     * no longer configuring ("JobId=1 needed resuming but isn't configuring anymore"); nothing logged here.
     */
    LATER_SCAN {
        @Override
        boolean releases(JobRecord job, BitSet need, BitSet resumed, Function<BitSet, String> names,
                         ControllerLog log) {
            return !need.intersects(job.nodes);
        }
    },

    /**
     * 24.11 and 26.05: the nodes resumed now are done; with none left the job leaves the list ("no more nodes to
     * resume for job JobId=1"), else "node[2-3] still left to boot for JobId=1" (POWER lines).
     */
    LAST_RESUME {
        @Override
        boolean releases(JobRecord job, BitSet need, BitSet resumed, Function<BitSet, String> names,
                         ControllerLog log) {
            BitSet left = (BitSet) need.clone();
            left.andNot(resumed);
            if (left.isEmpty()) {
                log.power(() -> "no more nodes to resume for job " + job.label());
                return true;
            }
            log.power(() -> names.apply(left) + " still left to boot for " + job.label());
            return false;
        }
    };

    /**
     * Whether {@code job} leaves the list after this scan resumed {@code resumed} of the nodes it {@code need}ed.
     */
    abstract boolean releases(JobRecord job, BitSet need, BitSet resumed, Function<BitSet, String> names,
                              ControllerLog log);
}
