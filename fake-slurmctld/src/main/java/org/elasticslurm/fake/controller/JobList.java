package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * slurmctld's job_list: every job until it is purged, with the pending queue (in job id order, the FIFO priority)
 * and the active jobs (allocated, or ended but not yet cleaned up).
 */
final class JobList {

    private final Map<Long, JobRecord> jobs = new HashMap<>();
    private final TreeMap<Long, JobRecord> pending = new TreeMap<>();
    private final Map<Long, JobRecord> active = new TreeMap<>();
    private long nextJobId = 1;

    JobRecord find(long id) {
        return jobs.get(id);
    }

    long nextId() {
        return nextJobId++;
    }

    void addPending(JobRecord job) {
        jobs.put(job.id, job);
        pending.put(job.id, job);
    }

    /** The pending jobs ahead of {@code job} in the queue. */
    Collection<JobRecord> pendingAhead(JobRecord job) {
        return pending.headMap(job.id).values();
    }

    boolean nonePending() {
        return pending.isEmpty();
    }

    List<JobRecord> pendingInOrder() {
        return new ArrayList<>(pending.values());
    }

    List<JobRecord> activeInOrder() {
        return new ArrayList<>(active.values());
    }

    void allocated(JobRecord job) {
        pending.remove(job.id);
        active.put(job.id, job);
    }

    void removePending(JobRecord job) {
        pending.remove(job.id);
    }

    void putActive(JobRecord job) {
        active.put(job.id, job);
    }

    void removeActive(JobRecord job) {
        active.remove(job.id);
    }

    /** batch_requeue_fini's move of the job back to the queue. */
    void requeued(JobRecord job) {
        active.remove(job.id);
        pending.put(job.id, job);
    }

    /** purge_old_job: ended jobs disappear MinJobAge after their end. */
    void purge(long now, long minJobAge) {
        for (Iterator<JobRecord> it = jobs.values().iterator(); it.hasNext(); ) {
            JobRecord job = it.next();
            if (job.state.isFinished() && !job.completing && job.endTime + minJobAge <= now) {
                it.remove();
                active.remove(job.id);
            }
        }
    }

    /** Every job, in job id order. */
    List<JobRecord> all() {
        return new ArrayList<>(new TreeMap<>(jobs).values());
    }
}
