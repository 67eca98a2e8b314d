package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;
import org.elasticslurm.fake.job.JobKind;
import org.elasticslurm.fake.job.JobLauncher;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobState;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.job.NodeSelector;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * The jobs: submission, scheduling and allocation (select_nodes); FIFO per partition (slurmctld's main scheduler,
 * no backfill). The start of an allocated job is {@link JobStart}'s, its end {@link JobEnd}'s, and what a failed
 * node does to its jobs {@link NodeFailureKills}'.
 */
final class JobManager {

    private final NodeTable nodes;
    private final NodeOps ops;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final NodeSelector selector;
    private ControllerSettings settings;

    private final JobList jobs = new JobList();
    private final SchedulePacing pacing = new SchedulePacing();
    private final JobEnd end;
    private final JobStart start;
    private final NodeFailureKills failures;
    private List<Long> resumeJobList;

    JobManager(NodeTable nodes, NodeOps ops, ControllerLog log, SlurmClock clock, Scheduler scheduler,
               JobLauncher launcher, NodeResponses responses, ControllerSettings settings, SlurmBehaviour behaviour) {
        this.nodes = nodes;
        this.ops = ops;
        this.log = log;
        this.clock = clock;
        this.settings = settings;
        this.end = new JobEnd(nodes, ops, log, clock, scheduler, launcher, responses, pacing, jobs, behaviour);
        this.start = new JobStart(nodes, log, clock, scheduler, launcher, settings, behaviour, jobs, end);
        this.failures = new NodeFailureKills(nodes, ops, log, clock, jobs, end);
        long[] weights = new long[nodes.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = nodes.get(i).weight;
        }
        this.selector = new NodeSelector(weights);
    }

    void reconfigure(ControllerSettings newSettings) {
        this.settings = newSettings;
        start.reconfigure(newSettings);
    }

    JobRecord find(long id) {
        return jobs.find(id);
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
        for (JobRecord job : jobs.activeInOrder()) {
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
        JobRecord job = new JobRecord(jobs.nextId(), request, partition, requeue, required, count,
                listener == null ? JobListener.NONE : listener, now);
        jobs.addPending(job);
        if (batch) {
            log.info("_slurm_rpc_submit_batch_job: JobId=" + job.id + " InitPrio=4294901759 usec=1");
            pacing.request();
        } else {
            boolean topPriority = jobs.pendingAhead(job).stream()
                    .noneMatch(other -> other.partition == partition && other.beginTime <= now);
            boolean allocated = topPriority && tryAllocate(job, now, false);
            log.info("sched: _slurm_rpc_allocate_resources JobId=" + job.id + " NodeList="
                    + (allocated ? job.nodeList : "(null)") + " usec=1");
            if (!allocated && !topPriority) {
                job.reason = "Priority";
            }
        }
        return SubmitResult.accepted(job.view(nodes));
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
        if (jobs.nonePending()) {
            return;
        }
        Set<PartitionRecord> blocked = new HashSet<>();
        int partitions = nodes.partitions().size();
        for (JobRecord job : jobs.pendingInOrder()) {
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
        jobs.allocated(job);
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
        job.listener.onAllocated(job.view(nodes), waited);
        if (job.isBatch() && !job.configuring) {
            start.launchBatch(job, now);
        }
    }


    // ---------------------------------------------------------------- start, end, node failures, views

    /** job_time_limit's configuration check, every PERIODIC_TIMEOUT. */
    void jobTimeLimit(long now) {
        start.jobTimeLimit(now);
    }

    /** Retries deferred batch launches (_batch_launch_defer, at most every 10 s per job). */
    void retryDeferredLaunches(long now) {
        start.retryDeferredLaunches(now);
    }

    /** srun's slurm_job_node_ready. */
    Optional<JobReadiness> readiness(long id) {
        return start.readiness(id);
    }

    /** srun's step creation and the launch of its command. */
    CommandResult startStep(long id) {
        return start.startStep(id);
    }

    /** srun's slurm_complete_job (the client gives up or is done). */
    CommandResult completeByClient(long id, int exitCode) {
        return end.completeByClient(id, exitCode);
    }

    /** scancel. */
    CommandResult cancel(long id) {
        return end.cancel(id);
    }

    /** set_node_down_ptr: reason, DOWN, jobs killed or requeued, bitmaps synced. */
    void setNodeDown(NodeRecord n, String reason) {
        failures.setNodeDown(n, reason);
    }

    /** kill_running_job_by_node_name. */
    int killRunningJobsOnNode(NodeRecord n) {
        return failures.killRunningJobsOnNode(n);
    }

    /** purge_old_job: ended jobs disappear MinJobAge after their end. */
    void purge(long now) {
        jobs.purge(now, settings.minJobAge());
    }

    List<JobView> views() {
        List<JobView> out = new ArrayList<>();
        jobs.all().forEach(j -> out.add(j.view(nodes)));
        return out;
    }

    JobView view(JobRecord job) {
        return job.view(nodes);
    }
}
