package org.elasticslurm.scenarios.target.realslurm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.elasticslurm.lab.process.CleanupOnExit;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.real.Lab;
import org.elasticslurm.lab.scenario.Scenario;
import org.elasticslurm.lab.trace.TraceLine;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.StepResult;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.target.lab.DefunctProcesses;
import org.elasticslurm.scenarios.trace.JobRecord;
import org.elasticslurm.scenarios.trace.LogLine;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * One scenario on a process lab (real-slurm or fake-realtime): a reference {@link Lab} (slurmctld, a
 * {@code slurmd -N NODE} per started node, the node state sampler and its trace) plus the scenario's jobs.
 * Scenario time is the lab's elapsed time (0 when slurmctld first answered {@code scontrol ping}). The session
 * starts, steps and stops the lab; what it observes of node states and the controller's log is {@link LabSampling}'s.
 */
final class RealSlurmSession implements TargetSession {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SUBMIT_LIMIT = Duration.ofSeconds(15);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(2);
    private static final Pattern CREATED =
            Pattern.compile("_slurm_rpc_(?:allocate_resources|submit_batch_job):? JobId=(\\d+)");
    /** How long a submit looks for its job in the log only, before it also lists jobs (and then as often). */
    private static final Duration LIST_JOBS_AFTER = Duration.ofSeconds(1);

    private final Lab lab;
    private final HookScripts scripts;
    private final SlurmJobs slurmJobs;
    private final String scontrol;
    private final LabSampling sampling;
    private final DefunctProcesses defunct = new DefunctProcesses(java.nio.file.Path.of("/proc"));
    private final List<Stage> stages;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Runnable cleanup;
    private final boolean keep;
    private final TargetKind kind;
    private final CleanupOnExit onExit;
    private boolean closed;
    private int commands;

    /** A submitted job: its slurm id, how it was submitted, its final record once it has ended. */
    private static final class Job {
        final long slurmId;
        final boolean batch;
        JobRecord last;

        Job(long slurmId, boolean batch) {
            this.slurmId = slurmId;
            this.batch = batch;
        }
    }

    /**
     * @param kind the target it runs for
     * @param lab the started lab
     * @param scripts the programs installed for it
     * @param scontrol the scontrol executable
     * @param stages stages of setting up (slurmctld start)
     * @param cleanup removes the session's own files after the lab is closed
     * @param keep keep every file (lab directory, hooks, logs) after closing, to look into a run
     */
    RealSlurmSession(TargetKind kind, Lab lab, HookScripts scripts, String scontrol, List<Stage> stages,
                     Runnable cleanup, boolean keep) {
        this.kind = kind;
        this.keep = keep;
        this.lab = lab;
        this.scripts = scripts;
        this.slurmJobs = new SlurmJobs(scontrol, lab.environment(), lab.directory());
        this.scontrol = scontrol;
        this.sampling = new LabSampling(kind, lab, scontrol);
        this.stages = List.copyOf(stages);
        this.cleanup = cleanup;
        this.onExit = CleanupOnExit.register(kind + " lab " + lab.directory(), this::close);
    }

    @Override
    public Duration now() {
        return lab.elapsed();
    }

    @Override
    public void advanceTo(Duration time) {
        Duration left = time.minus(now());
        if (left.compareTo(Duration.ZERO) > 0) {
            pause(left);
        }
    }

    @Override
    public Duration pollInterval() {
        return POLL;
    }

    @Override
    public StepResult perform(Step.Action action) {
        try {
            if (action instanceof Step.Submit s) {
                return submit(s);
            } else if (action instanceof Step.StartSlurmd s) {
                lab.startSlurmd(s.node(), s.bootTimeFromStart() ? List.of("-b") : List.of());
                return StepResult.ok("slurmd -N " + s.node() + (s.bootTimeFromStart() ? " -b" : "") + " started");
            } else if (action instanceof Step.RunCommand r) {
                return run(r);
            } else if (action instanceof Step.ScontrolUpdate u) {
                return scontrolUpdate(u);
            } else if (action instanceof Step.Stop s) {
                return stopSlurmd(s.component(), s.node());
            } else if (action instanceof Step.Restart r) {
                stopSlurmd(r.component(), r.node());
                lab.startSlurmd(r.node().orElseThrow(), List.of("-b"));
                return StepResult.ok("slurmd -N " + r.node().orElseThrow() + " -b restarted");
            }
            throw new TargetException(kind + " cannot carry out: " + action.describe(), null);
        } catch (LabException e) {
            throw new TargetException(action.describe() + ": " + e.getMessage(), e);
        }
    }

    private StepResult submit(Step.Submit s) {
        String name = s.jobId();
        sampling.takeLog();
        List<Long> before = slurmJobs.ids();
        int logged = sampling.logSize();
        String line = "PATH=" + quote(scripts.jobPath().toString()) + ":$PATH " + s.command() + " "
                + s.args().stream().map(RealSlurmSession::quote).collect(Collectors.joining(" "));
        lab.background(name, line.strip());
        long deadline = System.nanoTime() + SUBMIT_LIMIT.toNanos();
        long nextListing = System.nanoTime() + LIST_JOBS_AFTER.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> id = createdSince(logged);
            if (id.isEmpty() && System.nanoTime() > nextListing) {
                id = slurmJobs.ids().stream().filter(i -> !before.contains(i) && isNew(i)).findFirst();
                nextListing = System.nanoTime() + LIST_JOBS_AFTER.toNanos();
            }
            if (id.isPresent()) {
                jobs.put(name, new Job(id.get(), s.command().equals("sbatch")));
                // the states as the job exists; the step is done when that sample began, or when an overlapping
                // later one that was taken first began (with the drop-ins the sampling scontrol takes a JVM start,
                // during which the power-save scan may already resume)
                return StepResult.ok("slurm job " + id.get(), sampling.sampleStates());
            }
            if (lab.awaitJob(name, Duration.ZERO)) {
                LabTrace trace = trace();
                return StepResult.failed(s.command() + " ended before its job existed: "
                        + exitOf(trace, name).orElse("?") + " " + errors(trace, name));
            }
            pause(Duration.ofMillis(50));
        }
        throw new TargetException("no job appeared in slurmctld's log or 'scontrol show job' within "
                + SUBMIT_LIMIT.toSeconds() + " s of " + s.describe(), null);
    }

    /**
     * A job slurmctld logged as created ({@code _slurm_rpc_allocate_resources JobId=N},
     * {@code _slurm_rpc_submit_batch_job: JobId=N}) among its log lines from index {@code from} on, not yet one of
     * the scenario's. Finding a new job in the log (sampled every 0.1 s) is faster than listing jobs with
     * {@code scontrol show job}, which with the drop-in commands starts a JVM per poll; the listing stays as the
     * fallback.
     */
    private Optional<Long> createdSince(int from) {
        for (LogLine l : sampling.linesFrom(from)) {
            Matcher m = CREATED.matcher(l.text());
            if (m.find() && isNew(Long.parseLong(m.group(1)))) {
                return Optional.of(Long.parseLong(m.group(1)));
            }
        }
        return Optional.empty();
    }

    private boolean isNew(long slurmId) {
        return jobs.values().stream().noneMatch(j -> j.slurmId == slurmId);
    }

    private StepResult run(Step.RunCommand r) {
        String name = "run" + (++commands);
        lab.run(name, r.command(), RUN_LIMIT);
        LabTrace trace = trace();
        String status = exitOf(trace, name).orElse("?");
        boolean ok = r.expectExit().isEmpty() || status.equals(Integer.toString(r.expectExit().getAsInt()));
        String detail = "exit " + status + (trace.output(name).isBlank() ? "" : ": " + trace.output(name).strip());
        return ok ? StepResult.ok(detail) : StepResult.failed(detail);
    }

    private StepResult scontrolUpdate(Step.ScontrolUpdate u) {
        List<String> command = new ArrayList<>(List.of(scontrol, "update", "nodename=" + u.nodes()));
        u.settings().forEach((k, v) -> command.add(k + "=" + v));
        CommandResult r = CommandResult.run(command, lab.environment(), lab.directory(), Duration.ofSeconds(30));
        String detail = "exit " + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip());
        return r.exitCode() == 0 ? StepResult.ok(detail) : StepResult.failed(detail);
    }

    private StepResult stopSlurmd(Component component, Optional<String> node) {
        if (component != Component.SLURMD || node.isEmpty()) {
            throw new TargetException(kind + " can only stop or restart a node's slurmd, not " + component, null);
        }
        lab.killSlurmd(node.get());
        return StepResult.ok("slurmd -N " + node.get() + " killed (SIGKILL)");
    }

    /** Starts sampling node states and the controller's log ({@link LabSampling#start()}). */
    void startSampling() {
        sampling.start();
    }

    @Override
    public Observations observations() {
        sampling.throwIfFailed();
        sampling.takeLog();
        LabTrace trace = trace();
        Map<String, JobRecord> records = new LinkedHashMap<>();
        jobs.forEach((name, job) -> records.put(name, record(name, job, trace)));
        List<Long> parents = new ArrayList<>(lab.markedProcesses());
        return new Observations(sampling.stateChanges(), trace.hooks(), sampling.lines(), records, Optional.empty(),
                Optional.of(defunct.childrenOf(parents)), stages);
    }

    private JobRecord record(String name, Job job, LabTrace trace) {
        if (job.last != null) {
            return job.last;
        }
        Optional<String> exit = exitOf(trace, name);
        Optional<String> word = slurmJobs.state(job.slurmId);
        JobState state = word.map(RealSlurmSession::jobState)
                .orElse(exit.map(e -> e.equals("0") ? JobState.COMPLETED : JobState.FAILED).orElse(JobState.PENDING));
        // an srun job has ended for the scenario once srun has printed everything and exited
        boolean ended = state.isFinal() && (job.batch || exit.isPresent());
        if (!ended) {
            return new JobRecord(name, state.isFinal() ? JobState.COMPLETING : state, Optional.empty(), "");
        }
        String output = job.batch ? batchOutput(job.slurmId) : trace.output(name);
        job.last = new JobRecord(name, state, Optional.of(now()), output);
        return job.last;
    }

    private String batchOutput(long id) {
        java.nio.file.Path file = lab.directory().resolve("slurm-" + id + ".out");
        try {
            return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new TargetException("cannot read the batch output " + file, e);
        }
    }

    private static JobState jobState(String word) {
        try {
            return JobState.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw new TargetException("slurmctld reported job state " + word + ", which the scenarios cannot name", e);
        }
    }

    private LabTrace trace() {
        return LabTrace.read(lab.directory().resolve("trace"));
    }

    private static Optional<String> exitOf(LabTrace trace, String name) {
        return trace.lines().stream().filter(l -> l.kind().equals("exit") && l.subject().equals(name))
                .map(TraceLine::rest).filter(r -> !r.equals("running")).findFirst();
    }

    private static String errors(LabTrace trace, String name) {
        return trace.lines().stream().filter(l -> l.kind().equals("err") && l.subject().equals(name))
                .map(TraceLine::rest).collect(Collectors.joining("; "));
    }

    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./=:,@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private void pause(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while waiting on the " + kind + " lab", e);
        }
    }

    /**
     * Ends the lab's processes (by PID) and removes its files; also run by a shutdown hook when the JVM is ended
     * by a signal first. Idempotent; a second caller waits for the first.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        onExit.close();
        sampling.stop();
        if (keep) {
            lab.keepDirectory();
        }
        try {
            lab.close();
        } finally {
            if (!keep) {
                cleanup.run();
            }
        }
    }
}
