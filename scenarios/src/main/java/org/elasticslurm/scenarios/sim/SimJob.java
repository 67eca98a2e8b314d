package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.elasticslurm.fake.api.BatchJobListener;
import org.elasticslurm.fake.api.JobSnapshot;
import org.elasticslurm.fake.api.JobSubmission;
import org.elasticslurm.fake.api.Scheduler;
import org.elasticslurm.fake.api.SimulatedSlurm;
import org.elasticslurm.fake.api.SrunSession;
import org.elasticslurm.fake.api.Submission;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.scenarios.trace.JobRecord;

/** A job a scenario submitted on sim: an srun client in virtual time, or a batch job and its output. */
final class SimJob {

    private final Optional<SrunSession> srun;
    private final long slurmId;
    private final List<String> stderr;
    private final StringBuilder batchOutput;
    private final Instant submitted;
    private final Instant[] allocated;
    private final JobSnapshot[] ended;
    private final JobSnapshot[] lastView = new JobSnapshot[1];

    private SimJob(Optional<SrunSession> srun, long slurmId, List<String> stderr, StringBuilder batchOutput,
                   Instant submitted, Instant[] allocated, JobSnapshot[] ended) {
        this.srun = srun;
        this.slurmId = slurmId;
        this.stderr = stderr;
        this.batchOutput = batchOutput;
        this.submitted = submitted;
        this.allocated = allocated;
        this.ended = ended;
    }

    /** Submits {@code srun}/{@code sbatch} now. */
    static SimJob submit(String command, JobSubmission request, SimulatedSlurm controller, Scheduler clock) {
        if (command.equals("srun")) {
            SrunSession srun = controller.srun(request);
            SimJob job = new SimJob(Optional.of(srun), srun.jobId(), new ArrayList<>(srun.stderr()),
                    new StringBuilder(), clock.now(), new Instant[1], new JobSnapshot[1]);
            job.view(controller);
            return job;
        }
        StringBuilder output = new StringBuilder();
        Instant[] allocated = new Instant[1];
        JobSnapshot[] ended = new JobSnapshot[1];
        Submission r = controller.sbatch(request, new BatchJobListener() {
            @Override
            public void allocated(JobSnapshot job) {
                allocated[0] = clock.now();
            }

            @Override
            public void ended(JobSnapshot job) {
                ended[0] = job;
            }

            @Override
            public void stepFinished(JobSnapshot job, String stepOutput) {
                output.append(stepOutput);
            }
        });
        List<String> stderr = new ArrayList<>();
        r.error().ifPresent(e -> stderr.add("sbatch: error: Batch job submission failed: " + e));
        SimJob job = new SimJob(Optional.empty(), r.job().map(JobSnapshot::id).orElse(0L), stderr, output,
                clock.now(), allocated, ended);
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
        return srun.map(SrunSession::stderr).orElse(stderr);
    }

    /**
     * The job as the controller shows it now, or as it was last seen once the controller has purged it
     * (MinJobAge).
     */
    Optional<JobSnapshot> view(SimulatedSlurm controller) {
        Optional<JobSnapshot> now = controller.job(slurmId);
        if (now.isPresent()) {
            lastView[0] = now.get();
            return now;
        }
        return Optional.ofNullable(ended[0] != null ? ended[0] : lastView[0]);
    }

    /** What became of the job so far. */
    JobRecord record(String id, SimulatedSlurm controller, Function<Instant, Duration> scenarioTime) {
        String output = srun.map(s -> String.join("\n", s.stdout())).orElse(batchOutput.toString());
        if (!accepted()) {
            return new JobRecord(id, JobState.FAILED, Optional.of(scenarioTime.apply(submitted)),
                    String.join("\n", stderr()));
        }
        JobSnapshot view = view(controller).orElseThrow(() -> new IllegalStateException("job " + slurmId
                + " was never seen by the controller"));
        boolean purged = controller.job(slurmId).isEmpty();
        JobState state;
        if (purged) {
            state = JobState.valueOf(view.state()); // gone from the controller: its epilog is long over
        } else if (view.completing()) {
            state = JobState.COMPLETING;
        } else if (view.configuring()) {
            state = JobState.CONFIGURING;
        } else {
            state = JobState.valueOf(view.state());
        }
        return new JobRecord(id, state, view.endTime().map(scenarioTime), output);
    }
}
