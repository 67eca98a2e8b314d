package org.elasticslurm.fake.sim.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.fake.controller.CommandResult;
import org.elasticslurm.fake.controller.JobReadiness;
import org.elasticslurm.fake.controller.SlurmBehaviour;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.controller.SlurmError;
import org.elasticslurm.fake.controller.SubmitResult;
import org.elasticslurm.fake.job.JobCompletion;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * An srun client in virtual time, as 22.05's srun behaves: it asks for an allocation, waits for booting nodes
 * by polling the controller after 0.1 s, 0.2 s, 0.3 s ... ({@code _wait_nodes_ready}, up to
 * (SuspendTimeout + ResumeTimeout) * 5 s), starts its step, and prints what srun prints. What the version changes
 * in srun is the drop-in srun's rule ({@link SlurmBehaviour#srunExplainsBootFailure()},
 * {@link SlurmBehaviour#srunStatusAfterStepNodeFailure(int)}).
 */
public final class SimulatedSrun implements JobListener {

    private static final int PRIORITY = 10;
    private static final double POLL_SLEEP = 0.1;

    private final SlurmController controller;
    private final Scheduler scheduler;
    private final int maxDelaySeconds;
    private final SlurmBehaviour behaviour;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private long jobId;
    private OptionalInt exitCode = OptionalInt.empty();
    private boolean stepStarted;
    private boolean revoked;
    private boolean stepNodeFailed;
    private String nodeList = "";

    /**
     * The srun of a version (there is no default: name the controller's version).
     *
     * @param controller the controller
     * @param scheduler the simulation clock
     * @param suspendTimeout the global SuspendTimeout of the client's slurm.conf, in seconds
     * @param resumeTimeout the global ResumeTimeout of the client's slurm.conf, in seconds
     * @param behaviour what the version changes (the controller's version)
     */
    public SimulatedSrun(SlurmController controller, Scheduler scheduler, int suspendTimeout, int resumeTimeout,
                         SlurmBehaviour behaviour) {
        this.controller = controller;
        this.scheduler = scheduler;
        this.maxDelaySeconds = (suspendTimeout + resumeTimeout) * 5;
        this.behaviour = behaviour;
    }

    /** Runs {@code srun} with this request now. */
    public SimulatedSrun run(JobRequest request) {
        SubmitResult result = controller.submit(request, this);
        if (result.error().isPresent()) {
            stderr.add("srun: error: Unable to allocate resources: " + result.error().get().message());
            exitCode = OptionalInt.of(1);
            return this;
        }
        JobView job = result.job().orElseThrow();
        jobId = job.id();
        nodeList = job.nodeList();
        if (job.state() == org.elasticslurm.fake.job.JobState.PENDING) {
            stderr.add("srun: job " + jobId + " queued and waiting for resources");
        } else {
            startWaiting();
        }
        return this;
    }

    @Override
    public void onAllocated(JobView job, boolean waited) {
        nodeList = job.nodeList();
        if (waited) {
            stderr.add("srun: job " + job.id() + " has been allocated resources");
            scheduler.execute(this::startWaiting);
        }
    }

    @Override
    public void onNodeFailure(JobView job, String nodes) {
        stderr.add("srun: error: Node failure on " + nodes);
        stepNodeFailed |= stepStarted;
    }

    @Override
    public void onStepFinished(JobView job, JobCompletion completion) {
        if (!completion.output().isEmpty()) {
            for (String line : completion.output().split("\n", -1)) {
                if (!line.isEmpty()) {
                    stdout.add(line);
                }
            }
        }
        exitCode = OptionalInt.of(stepNodeFailed ? behaviour.srunStatusAfterStepNodeFailure(completion.exitCode())
                : completion.exitCode());
    }

    /**
     * SRUN_JOB_COMPLETE: while srun waits for the nodes this revokes the allocation (revoke_job); after a node of the
     * running step failed, srun exits as the version's does with no task status (22.05: 0, later: 1).
     */
    @Override
    public void onJobEnded(JobView job) {
        if (stepStarted && exitCode.isEmpty()) {
            exitCode = OptionalInt.of(stepNodeFailed ? behaviour.srunStatusAfterStepNodeFailure(0) : 1);
        } else if (!stepStarted) {
            revoked = true;
        }
    }

    private void startWaiting() {
        poll(0, 0.0);
    }

    private void poll(int i, double curDelay) {
        if (exitCode.isPresent()) {
            return;
        }
        Optional<JobReadiness> readiness = controller.jobNodeReady(jobId);
        if (revoked) {
            giveUp(true);
            return;
        }
        if (readiness.isEmpty() || !readiness.get().jobRunning()) {
            stderr.add("srun: error: Job allocation " + jobId + " has been revoked");
            controller.completeJob(jobId, 1);
            exitCode = OptionalInt.of(1);
            return;
        }
        if (readiness.get().ready()) {
            startStep();
            return;
        }
        int next = i + 1;
        double sleep = POLL_SLEEP * next;
        double nextDelay = curDelay + sleep;
        if (curDelay >= maxDelaySeconds) {
            giveUp(false);
            return;
        }
        scheduler.scheduleAfter(Duration.ofMillis(Math.round(sleep * 1000)), PRIORITY, () -> poll(next, nextDelay));
    }

    /**
     * _wait_nodes_ready ended without ready nodes: srun says so; it gives the allocation back only when it was
     * revoked (otherwise the job stays allocated, waiting).
     */
    private void giveUp(boolean wasRevoked) {
        if (behaviour.srunExplainsBootFailure()) {
            stderr.add("srun: error: Nodes " + nodeList + " are still not ready");
            stderr.add("srun: error: Something is wrong with the boot of the nodes.");
        }
        if (wasRevoked) {
            controller.completeJob(jobId, 1);
        }
        exitCode = OptionalInt.of(1);
    }

    private void startStep() {
        CommandResult result = controller.startStep(jobId);
        if (result.error().filter(e -> e == SlurmError.NODES_BUSY).isPresent()) {
            scheduler.scheduleAfter(Duration.ofSeconds(1), PRIORITY, this::startStep);
            return;
        }
        if (!result.ok()) {
            stderr.add("srun: error: Unable to create step for job " + jobId + ": " + result.error().get().message());
            exitCode = OptionalInt.of(1);
            return;
        }
        stepStarted = true;
    }

    /** The job's id (0 before a successful submission). */
    public long jobId() {
        return jobId;
    }

    /** What srun printed to stdout (the command's output). */
    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** What srun printed to stderr, {@code srun: } lines. */
    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** srun's exit code once it ended. */
    public OptionalInt exitCode() {
        return exitCode;
    }

    /** Whether the step was started. */
    public boolean stepStarted() {
        return stepStarted;
    }
}
