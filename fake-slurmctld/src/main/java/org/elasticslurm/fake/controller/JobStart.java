package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.elasticslurm.fake.job.JobCompletion;
import org.elasticslurm.fake.job.JobLaunch;
import org.elasticslurm.fake.job.JobLauncher;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * How an allocated job starts: CONFIGURING until its nodes are ready (test_job_nodes_ready, job_config_fini, also
 * after a resume), the batch launch deferred until the batch host responds (_batch_launch_defer), srun's readiness
 * check and step start, and the report that the launched work finished.
 */
final class JobStart {

    private final NodeTable nodes;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final Scheduler scheduler;
    private final JobLauncher launcher;
    private final SlurmBehaviour behaviour;
    private final JobList jobs;
    private final JobEnd end;
    private final TreeSet<Long> deferredLaunches = new TreeSet<>();
    private ControllerSettings settings;

    JobStart(NodeTable nodes, ControllerLog log, SlurmClock clock, Scheduler scheduler, JobLauncher launcher,
             ControllerSettings settings, SlurmBehaviour behaviour, JobList jobs, JobEnd end) {
        this.nodes = nodes;
        this.log = log;
        this.clock = clock;
        this.scheduler = scheduler;
        this.launcher = launcher;
        this.settings = settings;
        this.behaviour = behaviour;
        this.jobs = jobs;
        this.end = end;
    }

    void reconfigure(ControllerSettings newSettings) {
        this.settings = newSettings;
    }

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
        for (JobRecord job : jobs.activeInOrder()) {
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
    void launchBatch(JobRecord job, long now) {
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
            JobRecord job = jobs.find(id);
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
        JobRecord job = jobs.find(id);
        if (job == null) {
            return Optional.empty();
        }
        boolean running = job.isRunning();
        boolean configured = behaviour.jobStartsAtRegistration() || !job.configuring;
        return Optional.of(new JobReadiness(running && allNodesUp(job) && configured, running, true));
    }

    /** srun's step creation (_pick_step_nodes), then the launch of the command on every node. */
    CommandResult startStep(long id) {
        JobRecord job = jobs.find(id);
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
        JobRecord job = jobs.find(id);
        if (job == null || job.generation != generation || !job.isRunning() || job.completing) {
            return;
        }
        job.listener.onStepFinished(job.view(nodes), completion);
        end.complete(job, completion.exitCode());
    }
}
