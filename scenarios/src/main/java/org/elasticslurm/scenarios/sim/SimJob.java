package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.controller.SubmitResult;
import org.elasticslurm.fake.job.JobCompletion;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.sim.Scheduler;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.scenarios.trace.JobRecord;

/** A job a scenario submitted on sim: an srun client in virtual time, or a batch job and its output. */
final class SimJob {

    private final Optional<SimulatedSrun> srun;
    private final long slurmId;
    private final List<String> stderr;
    private final StringBuilder batchOutput;
    private final Instant submitted;
    private final Instant[] allocated;
    private final JobView[] ended;
    private final JobView[] lastView = new JobView[1];

    private SimJob(Optional<SimulatedSrun> srun, long slurmId, List<String> stderr, StringBuilder batchOutput,
                   Instant submitted, Instant[] allocated, JobView[] ended) {
        this.srun = srun;
        this.slurmId = slurmId;
        this.stderr = stderr;
        this.batchOutput = batchOutput;
        this.submitted = submitted;
        this.allocated = allocated;
        this.ended = ended;
    }

    /** Submits {@code srun}/{@code sbatch} now. */
    static SimJob submit(String command, JobRequest request, SlurmController controller, Scheduler clock,
                         SlurmConf conf) {
        if (command.equals("srun")) {
            SimulatedSrun srun = new SimulatedSrun(controller, clock,
                    (int) conf.powerSave().suspendTimeout().toSeconds(),
                    (int) conf.powerSave().resumeTimeout().toSeconds()).run(request);
            SimJob job = new SimJob(Optional.of(srun), srun.jobId(), new ArrayList<>(srun.stderr()),
                    new StringBuilder(), clock.now(), new Instant[1], new JobView[1]);
            job.view(controller);
            return job;
        }
        StringBuilder output = new StringBuilder();
        Instant[] allocated = new Instant[1];
        JobView[] ended = new JobView[1];
        SubmitResult r = controller.submit(request, new JobListener() {
            @Override
            public void onAllocated(JobView job, boolean waited) {
                allocated[0] = clock.now();
            }

            @Override
            public void onJobEnded(JobView job) {
                ended[0] = job;
            }

            @Override
            public void onStepFinished(JobView job, JobCompletion completion) {
                output.append(completion.output());
            }
        });
        List<String> stderr = new ArrayList<>();
        r.error().ifPresent(e -> stderr.add("sbatch: error: Batch job submission failed: " + e.message()));
        SimJob job = new SimJob(Optional.empty(), r.job().map(JobView::id).orElse(0L), stderr, output, clock.now(),
                allocated, ended);
        r.job().ifPresent(v -> job.lastView[0] = v);
        return job;
    }

    /** When a batch job got its nodes (empty for srun jobs and jobs not allocated yet). */
    Optional<Instant> allocatedAt() {
        return Optional.ofNullable(allocated[0]);
    }

    boolean accepted() {
        return slurmId != 0;
    }

    long slurmId() {
        return slurmId;
    }

    List<String> stderr() {
        return srun.map(SimulatedSrun::stderr).orElse(stderr);
    }

    /**
     * The job as the controller shows it now, or as it was last seen once the controller has purged it
     * (MinJobAge).
     */
    Optional<JobView> view(SlurmController controller) {
        Optional<JobView> now = controller.job(slurmId);
        if (now.isPresent()) {
            lastView[0] = now.get();
            return now;
        }
        return Optional.ofNullable(ended[0] != null ? ended[0] : lastView[0]);
    }

    /** What became of the job so far. */
    JobRecord record(String id, SlurmController controller, Function<Instant, Duration> scenarioTime) {
        String output = srun.map(s -> String.join("\n", s.stdout())).orElse(batchOutput.toString());
        if (!accepted()) {
            return new JobRecord(id, JobState.FAILED, Optional.of(scenarioTime.apply(submitted)),
                    String.join("\n", stderr()));
        }
        JobView view = view(controller).orElseThrow(() -> new IllegalStateException("job " + slurmId
                + " was never seen by the controller"));
        boolean purged = controller.job(slurmId).isEmpty();
        JobState state;
        if (purged) {
            state = JobState.valueOf(view.state().name()); // gone from the controller: its epilog is long over
        } else if (view.completing()) {
            state = JobState.COMPLETING;
        } else if (view.configuring()) {
            state = JobState.CONFIGURING;
        } else {
            state = JobState.valueOf(view.state().name());
        }
        return new JobRecord(id, state, view.endTime().map(scenarioTime), output);
    }
}
