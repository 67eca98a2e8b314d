package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;
import org.elasticslurm.fake.job.JobCompletion;
import org.elasticslurm.fake.job.JobKind;
import org.elasticslurm.fake.job.JobLaunch;
import org.elasticslurm.fake.job.JobLauncher;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobState;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.job.NodeSelector;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * The jobs: submission, allocation (select_nodes), CONFIGURING until the nodes are up, launch, completion with
 * epilogs, and what happens to jobs when a node fails (kill_running_job_by_node_name: requeue or NODE_FAIL).
 * Scheduling is FIFO per partition (slurmctld's main scheduler, no backfill).
 */
final class JobManager {

    private final NodeTable nodes;
    private final NodeOps ops;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final Scheduler scheduler;
    private final JobLauncher launcher;
    private final NodeSelector selector;
    private final NodeResponses responses;
    private ControllerSettings settings;
    private final SlurmBehaviour behaviour;

    private final Map<Long, JobRecord> jobs = new HashMap<>();
    private final TreeMap<Long, JobRecord> pending = new TreeMap<>();
    private final Map<Long, JobRecord> active = new TreeMap<>();
    private final java.util.TreeSet<Long> deferredLaunches = new java.util.TreeSet<>();
    private List<Long> resumeJobList;
    private long nextJobId = 1;
    private final SchedulePacing pacing = new SchedulePacing();

    JobManager(NodeTable nodes, NodeOps ops, ControllerLog log, SlurmClock clock, Scheduler scheduler,
               JobLauncher launcher, NodeResponses responses, ControllerSettings settings, SlurmBehaviour behaviour) {
        this.nodes = nodes;
        this.ops = ops;
        this.log = log;
        this.clock = clock;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.responses = responses;
        this.settings = settings;
        this.behaviour = behaviour;
        long[] weights = new long[nodes.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = nodes.get(i).weight;
        }
        this.selector = new NodeSelector(weights);
    }

    void reconfigure(ControllerSettings newSettings) {
        this.settings = newSettings;
    }

    JobRecord find(long id) {
        return jobs.get(id);
    }

    /** resume_job_list, created when the power-save thread first starts. */
    List<Long> resumeJobList() {
        return resumeJobList == null ? new ArrayList<>() : resumeJobList;
    }

    /** _init_power_save: builds resume_job_list from the jobs waiting for powered-down nodes. */
    void startResumeJobList() {
        if (resumeJobList != null) {
            return;
        }
        resumeJobList = new ArrayList<>();
        for (JobRecord job : active.values()) {
            if (job.configuring && job.nodes.intersects(nodes.power)) {
                resumeJobList.add(job.id);
            }
        }
    }

    // ---------------------------------------------------------------- submission and scheduling

    SubmitResult submit(JobRequest request, JobListener listener) {
        PartitionRecord partition;
        if (request.partition().isPresent()) {
            Optional<PartitionRecord> p = nodes.partition(request.partition().get());
            if (p.isEmpty()) {
                return SubmitResult.rejected(SlurmError.INVALID_PARTITION_NAME);
            }
            partition = p.get();
        } else {
            Optional<PartitionRecord> p = nodes.defaultPartition();
            if (p.isEmpty()) {
                return SubmitResult.rejected(SlurmError.DEFAULT_PARTITION_NOT_SET);
            }
            partition = p.get();
        }
        BitSet required = new BitSet();
        if (request.nodeList().isPresent()) {
            List<String> names;
            try {
                names = Hostlist.parse(request.nodeList().get()).names();
            } catch (HostlistException e) {
                return SubmitResult.rejected(SlurmError.INVALID_NODE_NAME);
            }
            for (String name : names) {
                Optional<NodeRecord> n = nodes.find(name);
                if (n.isEmpty()) {
                    return SubmitResult.rejected(SlurmError.INVALID_NODE_NAME);
                }
                required.set(n.get().index);
            }
        }
        int count = Math.max(request.nodeCount().orElse(1), required.cardinality());
        if (count > partition.nodeIndexes.length) {
            return SubmitResult.rejected(SlurmError.INVALID_NODE_COUNT);
        }
        BitSet outside = (BitSet) required.clone();
        outside.andNot(partition.nodes);
        if (!outside.isEmpty()) {
            return SubmitResult.rejected(SlurmError.REQUESTED_NODES_NOT_IN_PARTITION);
        }
        boolean batch = request.kind() == JobKind.BATCH;
        boolean requeue = batch && request.requeue().orElse(settings.jobRequeue());
        long now = clock.now();
        JobRecord job = new JobRecord(nextJobId++, request, partition, requeue, required, count,
                listener == null ? JobListener.NONE : listener, now);
        jobs.put(job.id, job);
        pending.put(job.id, job);
        if (batch) {
            log.info("_slurm_rpc_submit_batch_job: JobId=" + job.id + " InitPrio=4294901759 usec=1");
            pacing.request();
        } else {
            boolean topPriority = pending.headMap(job.id).values().stream()
                    .noneMatch(other -> other.partition == partition && other.beginTime <= now);
            boolean allocated = topPriority && tryAllocate(job, now, false);
            log.info("sched: _slurm_rpc_allocate_resources JobId=" + job.id + " NodeList="
                    + (allocated ? job.nodeList : "(null)") + " usec=1");
            if (!allocated && !topPriority) {
                job.reason = "Priority";
            }
        }
        return SubmitResult.accepted(view(job));
    }

    void requestSchedule() {
        pacing.request();
    }

    /** The background thread starts: the scheduler's clocks start now. */
    void startScheduling(long now) {
        pacing.start(now);
    }

    /** The background thread's scheduling decision (batch_sched_delay, sched_interval). */
    void scheduleIfDue(long now) {
        if (pacing.due(now)) {
            schedule(now);
        }
    }

    /** schedule(): pending jobs in order; a job that does not fit blocks its partition. */
    void schedule(long now) {
        if (pending.isEmpty()) {
            return;
        }
        Set<PartitionRecord> blocked = new HashSet<>();
        int partitions = nodes.partitions().size();
        for (JobRecord job : new ArrayList<>(pending.values())) {
            if (blocked.size() >= partitions) {
                break;
            }
            if (job.completing) {
                continue;
            }
            if (job.beginTime > now) {
                job.reason = "BeginTime";
                continue;
            }
            if (blocked.contains(job.partition)) {
                job.reason = "Priority";
                continue;
            }
            if (!tryAllocate(job, now, true)) {
                blocked.add(job.partition);
            } else if (job.isBatch()) {
                log.info("sched: Allocate JobId=" + job.id + " NodeList=" + job.nodeList + " #CPUs="
                        + job.nodes.cardinality() + " Partition=" + job.partition.name);
            }
        }
    }

    private boolean tryAllocate(JobRecord job, long now, boolean waited) {
        if (!job.partition.isUp()) {
            job.reason = "PartitionDown";
            return false;
        }
        BitSet usable = (BitSet) nodes.avail.clone();
        usable.andNot(nodes.completing);
        usable.and(nodes.freeCpu);
        usable.and(job.partition.nodes);
        Optional<int[]> chosen = selector.select(usable, nodes.power, job.requiredNodes, job.nodeCount);
        if (chosen.isEmpty()) {
            BitSet unavailable = (BitSet) job.requiredNodes.clone();
            unavailable.andNot(nodes.avail);
            job.reason = unavailable.isEmpty() ? "Resources"
                    : "ReqNodeNotAvail, UnavailableNodes:" + Hostlist.of(nodes.names(unavailable)).compressSorted();
            return false;
        }
        allocate(job, chosen.get(), now, waited);
        return true;
    }

    /** select_nodes after a successful pick. */
    private void allocate(JobRecord job, int[] chosen, long now, boolean waited) {
        pending.remove(job.id);
        active.put(job.id, job);
        job.nodes = new BitSet();
        for (int i : chosen) {
            job.nodes.set(i);
        }
        job.nodeList = Hostlist.of(nodes.names(job.nodes)).compressSorted();
        job.batchHost = chosen[0];
        job.state = JobState.RUNNING;
        job.startTime = now;
        job.endTime = 0;
        job.reason = "None";
        for (int i : chosen) {
            ops.makeAlloc(nodes.get(i));
        }
        if (job.nodes.intersects(nodes.power)) {
            job.powerUpNode = true;
            if (resumeJobList != null) {
                resumeJobList.add(job.id);
            }
        }
        BitSet notAvail = (BitSet) job.nodes.clone();
        notAvail.andNot(nodes.avail);
        if (job.powerUpNode || !notAvail.isEmpty()) {
            job.configuring = true;
        }
        job.listener.onAllocated(view(job), waited);
        if (job.isBatch() && !job.configuring) {
            launchBatch(job, now);
        }
    }

    // ---------------------------------------------------------------- configuration and launch

    /** test_job_nodes_ready. */
    private boolean nodesReady(JobRecord job) {
        if (job.isPending()) {
            return false;
        }
        if (job.nodes.intersects(nodes.power)) {
            return false;
        }
        if (!job.isBatch()) {
            return allNodesUp(job);
        }
        NodeRecord host = nodes.get(job.batchHost);
        return !host.is(NodeState.POWERED_DOWN) && !host.is(NodeState.POWERING_UP);
    }

    /** select_p_job_ready: no node powered down or powering up. */
    private boolean allNodesUp(JobRecord job) {
        for (int i = job.nodes.nextSetBit(0); i >= 0; i = job.nodes.nextSetBit(i + 1)) {
            NodeRecord n = nodes.get(i);
            if (n.is(NodeState.POWERED_DOWN) || n.is(NodeState.POWERING_UP)) {
                return false;
            }
        }
        return true;
    }

    /** job_config_fini. */
    private void configFini(JobRecord job, long now) {
        job.configuring = false;
        if (job.powerUpNode) {
            log.info("Resetting " + job.label() + " start time for node power up");
            job.powerUpNode = false;
            job.startTime = now;
        }
    }

    /** job_time_limit's configuration check, every PERIODIC_TIMEOUT. */
    void jobTimeLimit(long now) {
        for (JobRecord job : new ArrayList<>(active.values())) {
            if (job.isRunning() && job.configuring && nodesReady(job)) {
                log.info("job_time_limit: Configuration for " + job.label() + " complete");
                configFini(job, now);
                if (job.isBatch()) {
                    launchBatch(job, now);
                }
            }
        }
    }

    /** launch_job: queued for the batch host; the agent defers it until the node responds. */
    private void launchBatch(JobRecord job, long now) {
        job.launchPending = true;
        job.launchFirstAttempt = 0;
        job.launchLastAttempt = 0;
        tryLaunch(job, now);
    }

    /** Retries deferred batch launches (_batch_launch_defer, at most every 10 s per job). */
    void retryDeferredLaunches(long now) {
        if (deferredLaunches.isEmpty()) {
            return;
        }
        for (long id : new ArrayList<>(deferredLaunches)) {
            JobRecord job = jobs.get(id);
            if (job == null || !job.launchPending) {
                deferredLaunches.remove(id);
            } else {
                tryLaunch(job, now);
            }
        }
    }

    private void tryLaunch(JobRecord job, long now) {
        if (now - job.launchLastAttempt < 10) {
            deferredLaunches.add(job.id);
            return;
        }
        if (!job.isRunning()) {
            log.info("agent(batch_launch): removed pending request for cancelled JobId=" + job.id);
            job.launchPending = false;
            return;
        }
        NodeRecord host = nodes.get(job.batchHost);
        boolean ready = !host.is(NodeState.POWERED_DOWN) && !host.is(NodeState.POWERING_DOWN)
                && !host.is(NodeState.NO_RESPOND);
        if (ready) {
            if (job.configuring) {
                configFini(job, now);
            }
            job.launchPending = false;
            deferredLaunches.remove(job.id);
            startWork(job, List.of(host.name));
            return;
        }
        if (job.launchLastAttempt == 0) {
            job.launchFirstAttempt = now;
            job.launchLastAttempt = now;
        } else if (now - job.launchFirstAttempt >= settings.resumeTimeout()) {
            log.error("agent waited too long for nodes to respond, abort launch of JobId=" + job.id);
            job.launchPending = false;
            return;
        }
        job.launchLastAttempt = now;
        deferredLaunches.add(job.id);
    }

    /** srun's slurm_job_node_ready (from 24.11 not while configuring: {@link SlurmBehaviour}). */
    Optional<JobReadiness> readiness(long id) {
        JobRecord job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        boolean running = job.isRunning();
        boolean configured = behaviour.jobStartsAtRegistration() || !job.configuring;
        return Optional.of(new JobReadiness(running && allNodesUp(job) && configured, running, true));
    }

    /** srun's step creation (_pick_step_nodes), then the launch of the command on every node. */
    CommandResult startStep(long id) {
        JobRecord job = jobs.get(id);
        if (job == null) {
            return CommandResult.failed(SlurmError.INVALID_JOB_ID);
        }
        if (!job.isRunning() || job.completing) {
            return CommandResult.failed(SlurmError.ALREADY_DONE);
        }
        for (int i = job.nodes.nextSetBit(0); i >= 0; i = job.nodes.nextSetBit(i + 1)) {
            NodeRecord n = nodes.get(i);
            if (n.is(NodeState.POWERED_DOWN) || n.isFuture() || n.is(NodeState.NO_RESPOND)) {
                return CommandResult.failed(SlurmError.NODES_BUSY);
            }
        }
        long now = clock.now();
        if (job.configuring) {
            log.info("_pick_step_nodes: Configuration for " + job.label() + " is complete");
            configFini(job, now);
        }
        startWork(job, nodes.names(job.nodes));
        return CommandResult.OK;
    }

    private void startWork(JobRecord job, List<String> where) {
        int generation = ++job.generation;
        JobLaunch launch = new JobLaunch(job.id, job.request.kind(), where, job.request.command(),
                job.request.script(), job.request.workDir());
        launcher.launch(launch, completion -> scheduler.execute(() -> workFinished(job.id, generation, completion)));
    }

    private void workFinished(long id, int generation, JobCompletion completion) {
        JobRecord job = jobs.get(id);
        if (job == null || job.generation != generation || !job.isRunning() || job.completing) {
            return;
        }
        job.listener.onStepFinished(view(job), completion);
        complete(job, completion.exitCode());
    }

    // ---------------------------------------------------------------- completion

    /** srun's slurm_complete_job (the client gives up or is done). */
    CommandResult completeByClient(long id, int exitCode) {
        JobRecord job = jobs.get(id);
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
        JobRecord job = jobs.get(id);
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
        pending.remove(job.id);
        job.state = JobState.CANCELLED;
        job.endTime = now;
        job.startTime = now;
        job.exitCode = 0;
        job.listener.onJobEnded(view(job));
    }

    /** _job_complete: COMPLETED or FAILED by exit code, with epilogs on the nodes that need one. */
    private void complete(JobRecord job, int exitCode) {
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
        job.listener.onJobEnded(view(job));
    }

    /**
     * deallocate_nodes: make_node_comp on every node; REQUEST_TERMINATE_JOB goes to every node of the job (DOWN
     * and powered-down ones too: "issue the KILL RPC, but don't verify response"), and a node whose slurmd
     * answers counts as responding (node_did_resp), which can bring a timed-out node back.
     */
    private void deallocate(JobRecord job) {
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
        responses.didRespond(n);
        JobRecord job = jobs.get(id);
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
    private void cleanupCompleting(JobRecord job) {
        job.completing = false;
        if (job.requeueWhenDone) {
            job.requeueWhenDone = false;
            batchRequeueFini(job);
        } else if (job.state.isFinished()) {
            active.remove(job.id);
        }
    }

    /** batch_requeue_fini: pending again, BeginTime now + 121 s; the reason stays until the scheduler looks. */
    private void batchRequeueFini(JobRecord job) {
        long now = clock.now();
        log.info("Requeuing " + job.label());
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
        active.remove(job.id);
        pending.put(job.id, job);
    }

    // ---------------------------------------------------------------- node failures

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
        for (JobRecord job : new ArrayList<>(active.values())) {
            if (!job.nodes.get(n.index)) {
                continue;
            }
            if (job.completing) {
                if (!job.completingNodes.get(n.index)) {
                    continue;
                }
                killed++;
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
                    cleanupCompleting(job);
                }
            } else if (job.isRunning()) {
                killed++;
                if (job.isBatch() && job.requeue) {
                    job.listener.onNodeFailure(view(job), n.name);
                    log.info("requeue job " + job.label() + " due to failure of node " + n.name);
                    job.endTime = now;
                    job.state = JobState.NODE_FAIL;
                    job.launchPending = false;
                    deallocate(job);
                    job.restarts++;
                    job.state = JobState.PENDING;
                    if (job.completing) {
                        job.requeueWhenDone = true;
                    } else {
                        active.put(job.id, job);
                        batchRequeueFini(job);
                    }
                } else {
                    log.info("Killing " + job.label() + " on failed node " + n.name);
                    job.listener.onNodeFailure(view(job), n.name);
                    job.state = JobState.NODE_FAIL;
                    job.reason = "NodeDown";
                    job.endTime = now;
                    job.configuring = false;
                    job.launchPending = false;
                    deallocate(job);
                    job.listener.onJobEnded(view(job));
                }
            }
        }
        return killed;
    }

    // ---------------------------------------------------------------- housekeeping and views

    /** purge_old_job: ended jobs disappear MinJobAge after their end. */
    void purge(long now) {
        for (Iterator<JobRecord> it = jobs.values().iterator(); it.hasNext(); ) {
            JobRecord job = it.next();
            if (job.state.isFinished() && !job.completing && job.endTime + settings.minJobAge() <= now) {
                it.remove();
                active.remove(job.id);
            }
        }
    }

    List<JobView> views() {
        List<JobView> out = new ArrayList<>(jobs.size());
        new TreeMap<>(jobs).values().forEach(j -> out.add(view(j)));
        return out;
    }

    JobView view(JobRecord job) {
        return new JobView(job.id, job.request.name(), job.request.kind(), job.state, job.configuring,
                job.completing, job.reason, job.partition.name, nodes.names(job.nodes), job.nodeList,
                SlurmClock.instant(job.submitTime),
                job.startTime == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(job.startTime)),
                job.endTime == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(job.endTime)),
                job.beginTime == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(job.beginTime)),
                Optional.ofNullable(job.exitCode), job.restarts, job.requeue);
    }
}
