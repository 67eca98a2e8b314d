package org.elasticslurm.lab.real;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.process.LabProcesses;
import org.elasticslurm.lab.trace.TraceRecorder;

/**
 * A lab's shell commands ({@code bash -c}, by name), each recorded when started and, at its end, with its output
 * ({@code out NAME LINE}, {@code err NAME LINE}) and {@code exit NAME STATUS}; their output files are
 * {@code jobs/NAME.out} and {@code jobs/NAME.err}.
 */
final class LabJobs {

    private record Job(Process process, CompletableFuture<Void> recorded) {
    }

    private final Path dir;
    private final LabProcesses processes;
    private final Map<String, String> environment;
    private final TraceRecorder recorder;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private volatile boolean finished;

    LabJobs(Path dir, LabProcesses processes, Map<String, String> environment, TraceRecorder recorder) {
        this.dir = dir;
        this.processes = processes;
        this.environment = environment;
        this.recorder = recorder;
    }

    /** Records {@code KIND NAME COMMAND} and starts the command; the name must be new. */
    synchronized Process start(String kind, String name, String command) {
        if (jobs.containsKey(name)) {
            throw new LabException("a command named '" + name + "' was already started");
        }
        recorder.record(kind, name + " " + command);
        Path out = dir.resolve("jobs/" + name + ".out");
        Path err = dir.resolve("jobs/" + name + ".err");
        Process process = processes.start(List.of("/bin/bash", "-c", command), environment, out, err);
        CompletableFuture<Void> recorded = process.onExit().thenAccept(p -> recordEnd(name, p.exitValue(), out, err));
        jobs.put(name, new Job(process, recorded));
        return process;
    }

    private void recordEnd(String name, int status, Path out, Path err) {
        if (finished) {
            return;
        }
        LabDirectory.lines(out).forEach(l -> recorder.record("out", name + " " + l));
        LabDirectory.lines(err).forEach(l -> recorder.record("err", name + " " + l));
        recorder.record("exit", name + " " + status);
    }

    /** Waits until a command has ended and its end is recorded; false if it is still running. */
    boolean await(String name, Duration timeout) {
        Job job;
        synchronized (this) {
            job = jobs.get(name);
        }
        if (job == null) {
            throw new LabException("no command named '" + name + "' was started");
        }
        try {
            job.recorded().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new LabException("recording the end of '" + name + "' failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for '" + name + "'", e);
        }
    }

    /** Records {@code exit NAME running} for every command still running; nothing of theirs is recorded after. */
    synchronized void finish() {
        for (Map.Entry<String, Job> job : jobs.entrySet()) {
            if (!job.getValue().recorded().isDone()) {
                recorder.record("exit", job.getKey() + " running");
            }
        }
        finished = true;
    }

    /** SIGKILLs every command still running (and what it started); nothing more is recorded. */
    synchronized void killAll() {
        finished = true;
        jobs.values().forEach(j -> LabProcesses.kill(j.process()));
    }
}
