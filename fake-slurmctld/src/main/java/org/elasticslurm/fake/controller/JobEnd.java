package org.elasticslurm.fake.controller;

import java.util.BitSet;
import java.util.Optional;
import org.elasticslurm.fake.job.JobLauncher;
import org.elasticslurm.fake.job.JobState;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * How a job ends: completion by exit code, srun giving up, scancel; then deallocate_nodes with epilogs on the nodes
 * (REQUEST_TERMINATE_JOB), cleanup_completing when the last epilog is in, and batch_requeue_fini for a requeued job.
 */
final class JobEnd {

    private final NodeTable nodes;
    private final NodeOps ops;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final Scheduler scheduler;
    private final JobLauncher launcher;
    private final NodeResponses responses;
    private final SchedulePacing pacing;
    private final JobList jobs;
    private final SlurmBehaviour behaviour;

    JobEnd(NodeTable nodes, NodeOps ops, ControllerLog log, SlurmClock clock, Scheduler scheduler,
           JobLauncher launcher, NodeResponses responses, SchedulePacing pacing, JobList jobs,
           SlurmBehaviour behaviour) {
        this.nodes = nodes;
        this.ops = ops;
        this.log = log;
        this.clock = clock;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.responses = responses;
        this.pacing = pacing;
        this.jobs = jobs;
        this.behaviour = behaviour;
    }

    /** srun's slurm_complete_job (the client gives up or is done). */
    CommandResult completeByClient(long id, int exitCode) {
        JobRecord job = jobs.find(id);
        if (job == null) {
            return CommandResult.failed(SlurmError.INVALID_JOB_ID);
        }
        if (job.state.isFinished() || job.completing) {
            return CommandResult.failed(SlurmError.ALREADY_DONE);
        }
        if (job.isPending()) {
            cancelPending(job);
            return CommandResult.OK;
        }
        complete(job, exitCode);
        return CommandResult.OK;
    }

    /** scancel. */
    CommandResult cancel(long id) {
        JobRecord job = jobs.find(id);
        if (job == null) {
            return CommandResult.failed(SlurmError.INVALID_JOB_ID);
        }
        if (job.state.isFinished() || job.completing) {
            return CommandResult.failed(SlurmError.ALREADY_DONE);
        }
        log.info("_slurm_rpc_kill_job: REQUEST_KILL_JOB " + job.label() + " uid 0");
        if (job.isPending()) {
            cancelPending(job);
        } else {
            end(job, JobState.CANCELLED, 0);
        }
        return CommandResult.OK;
    }

    private void cancelPending(JobRecord job) {
        long now = clock.now();
        jobs.removePending(job);
        job.state = JobState.CANCELLED;
        job.endTime = now;
        job.startTime = now;
        job.exitCode = 0;
        job.listener.onJobEnded(job.view(nodes));
    }

    /** _job_complete: COMPLETED or FAILED by exit code, with epilogs on the nodes that need one. */
    void complete(JobRecord job, int exitCode) {
        log.info("_job_complete: " + job.label() + " WEXITSTATUS " + exitCode);
        end(job, exitCode == 0 ? JobState.COMPLETED : JobState.FAILED, exitCode);
        log.info("_job_complete: " + job.label() + " done");
    }

    private void end(JobRecord job, JobState state, int exitCode) {
        job.state = state;
        job.exitCode = exitCode;
        job.endTime = clock.now();
        job.configuring = false;
        job.launchPending = false;
        deallocate(job);
        job.listener.onJobEnded(job.view(nodes));
    }

    /**
     * deallocate_nodes: make_node_comp on every node; REQUEST_TERMINATE_JOB goes to every node of the job (DOWN
     * and powered-down ones too: "issue the KILL RPC, but don't verify response"), and a node whose slurmd
     * answers counts as responding (node_did_resp), which can bring a timed-out node back.
     */
    void deallocate(JobRecord job) {
        BitSet epilogNodes = new BitSet();
        for (int i = job.nodes.nextSetBit(0); i >= 0; i = job.nodes.nextSetBit(i + 1)) {
            if (ops.makeComp(nodes.get(i))) {
                epilogNodes.set(i);
            }
        }
        job.completingNodes = epilogNodes;
        pacing.request();
        boolean completing = !epilogNodes.isEmpty();
        if (completing) {
            job.completing = true;
        }
        int generation = job.generation;
        long id = job.id;
        launcher.terminate(id, nodes.names(job.nodes),
                node -> scheduler.execute(() -> nodeAnswered(id, generation, node)));
        if (!completing) {
            cleanupCompleting(job);
        }
    }

    /** A node answered REQUEST_TERMINATE_JOB: it responds, and its epilog (if it ran one) is complete. */
    private void nodeAnswered(long id, int generation, String nodeName) {
        Optional<NodeRecord> node = nodes.find(nodeName);
        if (node.isEmpty()) {
            return;
        }
        NodeRecord n = node.get();
        if (!n.is(NodeState.POWERED_DOWN) || behaviour.killAnswerOfPoweredDownNodeCounts()) {
            responses.didRespond(n);
        }
        JobRecord job = jobs.find(id);
        if (job == null || job.generation != generation || !job.completingNodes.get(n.index)) {
            return;
        }
        job.completingNodes.clear(n.index);
        ops.makeIdle(n);
        if (job.completingNodes.isEmpty()) {
            cleanupCompleting(job);
        }
        pacing.request();
    }

    /** cleanup_completing: the last epilog is in. */
    void cleanupCompleting(JobRecord job) {
        job.completing = false;
        if (job.requeueWhenDone) {
            job.requeueWhenDone = false;
            batchRequeueFini(job);
        } else if (job.state.isFinished()) {
            jobs.removeActive(job);
        }
    }

    /** batch_requeue_fini: pending again, BeginTime now + 121 s; the reason stays until the scheduler looks. */
    void batchRequeueFini(JobRecord job) {
        long now = clock.now();
        log.info("Requeuing " + job.label());
        if (behaviour.newSluidOnRequeue()) {
            String before = job.sluid != null ? job.sluid : Sluid.of(job.submitTime * 1000, 0);
            job.sluid = Sluid.of(now * 1000, ++job.sluidChanges);
            log.debug("job_record_set_sluid: changing from " + before + " to " + job.sluid + " due to requeue");
        }
        job.startTime = 0;
        job.endTime = 0;
        job.nodes = new BitSet();
        job.completingNodes = new BitSet();
        job.nodeList = "";
        job.batchHost = -1;
        job.configuring = false;
        job.powerUpNode = false;
        if (job.beginTime <= now) {
            job.beginTime = now + ControllerSettings.REQUEUE_DELAY;
        }
        job.state = JobState.PENDING;
        jobs.requeued(job);
    }
}
