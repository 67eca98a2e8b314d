package org.elasticslurm.fake.server;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.fake.controller.CommandResult;
import org.elasticslurm.fake.controller.JobReadiness;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.controller.SlurmError;
import org.elasticslurm.fake.job.JobCompletion;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.sim.Scheduler;
import org.elasticslurm.fake.wire.JsonObject;
import org.elasticslurm.fake.wire.SrunEvent;
import org.elasticslurm.fake.wire.TaskResult;
import org.elasticslurm.fake.wire.WireServer;

/**
 * One {@code srun} on the controller's side: what the real srun does between its allocation and its step, done
 * next to the controller. It hears the job's news as a {@link JobListener}, waits for the nodes to boot the way
 * srun 22.05's {@code _wait_nodes_ready} polls (0.1 s, 0.2 s, 0.3 s ... up to (SuspendTimeout + ResumeTimeout) x 5),
 * starts the step once they are ready, and streams every piece of news to the client. When the client goes
 * away (a keep-alive cannot be written), the session stops: like a killed srun, it never starts the step.
 *
 * <p>The listener methods and the polling run on the controller thread; {@link #relay} on an HTTP thread.
 */
final class SrunSession implements JobListener {

    private static final long POLL_STEP_MILLIS = 100;
    private static final long STEP_RETRY_MILLIS = 1000;
    private static final int EVENT_PRIORITY = 1000;

    private final SlurmController controller;
    private final Scheduler scheduler;
    private final TaskResults results;
    private final long maxDelayMillis;
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();

    private long jobId;
    private String nodeList = "";
    private boolean polling;
    private boolean stepStarted;
    private boolean finished;
    private boolean abandoned;
    private int polls;
    private long waitedMillis;

    /**
     * @param maxDelayMillis how long srun waits for booting nodes: (SuspendTimeout + ResumeTimeout) x 5
     */
    SrunSession(SlurmController controller, Scheduler scheduler, TaskResults results, long maxDelayMillis) {
        this.controller = controller;
        this.scheduler = scheduler;
        this.results = results;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** Called on the controller thread right after the submission. */
    void submitted(JobView job) {
        jobId = job.id();
        if (job.stateCode().equals("PD")) {
            events.add(SrunEvent.queued(jobId, job.reason()));
        }
    }

    /** Called on the controller thread when the submission was refused. */
    void rejected(SlurmError error) {
        finished = true;
        events.add(SrunEvent.rejected(error.message()));
    }

    @Override
    public void onAllocated(JobView job, boolean waited) {
        jobId = job.id();
        nodeList = job.nodeList();
        events.add(SrunEvent.allocated(job.id(), job.nodeList(), waited));
        if (!polling) {
            polling = true;
            scheduler.execute(this::poll);
        }
    }

    @Override
    public void onNodeFailure(JobView job, String nodes) {
        events.add(SrunEvent.nodeFailure(job.id(), nodes, stepStarted));
    }

    @Override
    public void onStepFinished(JobView job, JobCompletion completion) {
        List<TaskResult> tasks = results.take(job.id());
        events.add(SrunEvent.tasks(job.id(), tasks));
    }

    @Override
    public void onJobEnded(JobView job) {
        if (finished) {
            return;
        }
        finished = true;
        events.add(SrunEvent.ended(job.id(), job.stateName(), stepStarted, nodeList));
    }

    /** One round of srun's {@code _wait_nodes_ready} loop, then the step. */
    private void poll() {
        if (finished || abandoned || stepStarted || !controller.isRunning()) {
            return;
        }
        Optional<JobReadiness> readiness = controller.jobNodeReady(jobId);
        if (readiness.isEmpty() || !readiness.get().jobRunning()) {
            return; // the job ended: onJobEnded reports it
        }
        if (readiness.get().ready()) {
            CommandResult step = controller.startStep(jobId);
            if (step.ok()) {
                stepStarted = true;
                return;
            }
            if (step.error().filter(e -> e == SlurmError.NODES_BUSY).isPresent()) {
                scheduler.scheduleAfter(java.time.Duration.ofMillis(STEP_RETRY_MILLIS), EVENT_PRIORITY, this::poll);
            }
            return;
        }
        if (waitedMillis >= maxDelayMillis) {
            finished = true;
            events.add(SrunEvent.bootTimeout(jobId, nodeList));
            controller.completeJob(jobId, 1);
            return;
        }
        polls++;
        long sleep = POLL_STEP_MILLIS * polls;
        waitedMillis += sleep;
        scheduler.scheduleAfter(java.time.Duration.ofMillis(sleep), EVENT_PRIORITY, this::poll);
    }

    /**
     * Writes the session's events to the client until the last one, with a keep-alive every second; returns when
     * the job's story is told or the client is gone.
     *
     * @param abandon run (on the controller thread) when the client went away
     */
    void relay(WireServer.EventSink sink, Runnable abandon) {
        try {
            while (true) {
                JsonObject event = events.poll(1, TimeUnit.SECONDS);
                if (event == null) {
                    sink.keepAlive();
                    continue;
                }
                sink.send(event);
                String kind = event.string("event");
                if (kind.equals(SrunEvent.ENDED) || kind.equals(SrunEvent.REJECTED)
                        || kind.equals(SrunEvent.BOOT_TIMEOUT)) {
                    return;
                }
            }
        } catch (IOException e) {
            abandon.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon.run();
        }
    }

    /** The client went away (controller thread). */
    void abandon() {
        abandoned = true;
    }
}
