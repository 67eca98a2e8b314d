package org.elasticslurm.fake.controller;

import org.elasticslurm.fake.job.JobState;

/**
 * What a failed node does to its jobs (set_node_down_ptr, kill_running_job_by_node_name): a running batch job with
 * requeue goes back to the queue, any other running job ends NODE_FAIL, and a completing job stops waiting for the
 * node's epilog.
 */
final class NodeFailureKills {

    private final NodeTable nodes;
    private final NodeOps ops;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final JobList jobs;
    private final JobEnd end;

    NodeFailureKills(NodeTable nodes, NodeOps ops, ControllerLog log, SlurmClock clock, JobList jobs, JobEnd end) {
        this.nodes = nodes;
        this.ops = ops;
        this.log = log;
        this.clock = clock;
        this.jobs = jobs;
        this.end = end;
    }

    /** set_node_down_ptr: reason, DOWN, jobs killed or requeued, bitmaps synced. */
    void setNodeDown(NodeRecord n, String reason) {
        ops.setDownReason(n, reason);
        ops.makeDown(n);
        killRunningJobsOnNode(n);
        nodes.syncBitmaps(n);
    }

    /** kill_running_job_by_node_name. */
    int killRunningJobsOnNode(NodeRecord n) {
        int killed = 0;
        long now = clock.now();
        for (JobRecord job : jobs.activeInOrder()) {
            if (!job.nodes.get(n.index)) {
                continue;
            }
            if (job.completing) {
                if (!job.completingNodes.get(n.index)) {
                    continue;
                }
                killed++;
                stopWaitingForEpilog(job, n);
            } else if (job.isRunning()) {
                killed++;
                if (job.isBatch() && job.requeue) {
                    requeue(job, n, now);
                } else {
                    kill(job, n, now);
                }
            }
        }
        return killed;
    }

    private void stopWaitingForEpilog(JobRecord job, NodeRecord n) {
        job.completingNodes.clear(n.index);
        if (n.compJobCnt > 0) {
            n.compJobCnt--;
            if (n.allocCpus > 0) {
                n.allocCpus--;
            }
            nodes.syncCpus(n);
            if (n.compJobCnt == 0) {
                n.clear(NodeState.COMPLETING);
                nodes.setCompleting(n, false);
            }
        }
        if (job.completingNodes.isEmpty()) {
            end.cleanupCompleting(job);
        }
    }

    private void requeue(JobRecord job, NodeRecord n, long now) {
        job.listener.onNodeFailure(job.view(nodes), n.name);
        log.info("requeue job " + job.label() + " due to failure of node " + n.name);
        job.endTime = now;
        job.state = JobState.NODE_FAIL;
        job.launchPending = false;
        end.deallocate(job);
        job.restarts++;
        job.state = JobState.PENDING;
        if (job.completing) {
            job.requeueWhenDone = true;
        } else {
            jobs.putActive(job);
            end.batchRequeueFini(job);
        }
    }

    private void kill(JobRecord job, NodeRecord n, long now) {
        log.info("Killing " + job.label() + " on failed node " + n.name);
        job.listener.onNodeFailure(job.view(nodes), n.name);
        job.state = JobState.NODE_FAIL;
        job.reason = "NodeDown";
        job.endTime = now;
        job.configuring = false;
        job.launchPending = false;
        end.deallocate(job);
        job.listener.onJobEnded(job.view(nodes));
    }
}
