package org.elasticslurm.scenarios.target.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.process.NamedProcesses;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.target.StepResult;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.trace.JobRecord;

/**
 * A lab's jobs: {@code srun}/{@code sbatch} started as processes (in the lab's namespace, from the lab's job
 * directory), matched to slurmctld's job id by the id that appears, and followed until they end. An srun job has
 * ended once srun has exited (its output is srun's stdout); a batch job once slurmctld shows a final state (its
 * output is {@code slurm-ID.out}).
 */
public final class LabJobs {
    private static final Duration SUBMIT_LIMIT = Duration.ofSeconds(60);

    private final NamedProcesses processes;
    private final Function<List<String>, List<String>> wrap;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Supplier<Duration> now;
    private final Function<String, String> commands;
    private Path cwd;
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    private static final class Job {
        final String name;
        final long slurmId;
        final boolean batch;
        JobRecord last;

        Job(String name, long slurmId, boolean batch) {
            this.name = name;
            this.slurmId = slurmId;
            this.batch = batch;
        }
    }

    /**
     * @param processes where the submit commands are registered (ended with the lab)
     * @param wrap puts a command into the lab's namespace
     * @param environment the commands' environment (PATH with srun/sbatch, SLURM_CONF)
     * @param workDir the jobs' directory (exists on every node: /tmp-like)
     * @param now scenario time
     * @param commands the absolute path of {@code srun} / {@code sbatch} of the lab's Slurm
     */
    public LabJobs(NamedProcesses processes, Function<List<String>, List<String>> wrap, Map<String, String> environment,
                   Path workDir, Supplier<Duration> now, Function<String, String> commands) {
        this.commands = commands;
        this.cwd = workDir;
        this.processes = processes;
        this.wrap = wrap;
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.now = now;
    }

    /**
     * Runs the submit commands from this directory instead of the files' directory (it must exist on every node:
     * a job step starts in its submission directory).
     */
    public LabJobs inDirectory(Path directory) {
        this.cwd = directory;
        return this;
    }

    /** Starts the submit command and returns once slurmctld knows the job. */
    public StepResult submit(Step.Submit s, ControllerProbe probe) {
        Set<Long> before = probe.jobs().keySet();
        List<String> cmd = new ArrayList<>();
        cmd.add(commands.apply(s.command()));
        cmd.addAll(s.args());
        String name = s.jobId();
        Process p;
        try {
            p = processes.start("job " + name, wrap.apply(cmd), environment, cwd, out(name), err(name));
        } catch (LabException e) {
            throw new TargetException(e.getMessage(), e);
        }
        long deadline = System.nanoTime() + SUBMIT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> id = probe.jobs().keySet().stream()
                    .filter(i -> !before.contains(i) && jobs.values().stream().noneMatch(j -> j.slurmId == i))
                    .findFirst();
            if (id.isPresent()) {
                synchronized (jobs) {
                    jobs.put(name, new Job(name, id.get(), s.command().equals("sbatch")));
                }
                return StepResult.ok("slurm job " + id.get());
            }
            if (!p.isAlive()) {
                return StepResult.failed(s.command() + " exited " + p.exitValue() + " before its job existed: "
                        + read(err(name)).strip());
            }
            pause();
        }
        throw new TargetException("no job appeared at slurmctld within " + SUBMIT_LIMIT.toSeconds() + " s of "
                + s.describe(), null);
    }

    /** Each job's record now. */
    public synchronized Map<String, JobRecord> records(ControllerProbe probe) {
        Map<String, JobRecord> out = new LinkedHashMap<>();
        List<Job> all;
        synchronized (jobs) {
            all = List.copyOf(jobs.values());
        }
        Map<Long, String> states = all.stream().allMatch(j -> j.last != null) ? Map.of() : probe.jobs();
        for (Job j : all) {
            out.put(j.name, record(j, states));
        }
        return out;
    }

    private JobRecord record(Job j, Map<Long, String> states) {
        if (j.last != null) {
            return j.last;
        }
        Optional<Process> p = processes.get("job " + j.name);
        Optional<JobState> state = Optional.ofNullable(states.get(j.slurmId)).map(LabJobs::jobState);
        boolean exited = p.isPresent() && !p.get().isAlive();
        boolean ended = state.isPresent() ? state.get().isFinal() && (j.batch || exited) : exited;
        if (!ended) {
            return new JobRecord(j.name, state.orElse(JobState.PENDING), Optional.empty(), "");
        }
        JobState fin = state.filter(JobState::isFinal)
                .orElse(p.isPresent() && p.get().exitValue() == 0 ? JobState.COMPLETED : JobState.FAILED);
        String output = j.batch ? read(workDir.resolve("slurm-" + j.slurmId + ".out")) : read(out(j.name));
        j.last = new JobRecord(j.name, fin, Optional.of(now.get()), output);
        return j.last;
    }

    /** What a job's submit command wrote to stderr (srun's messages). */
    public String errors(String name) {
        return read(err(name));
    }

    private Path out(String name) {
        return workDir.resolve(name + ".out");
    }

    private Path err(String name) {
        return workDir.resolve(name + ".err");
    }

    private static JobState jobState(String word) {
        try {
            return JobState.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw new TargetException("slurmctld reported job state " + word + ", which the scenarios cannot name", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new TargetException("cannot read " + file, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while submitting", e);
        }
    }
}
