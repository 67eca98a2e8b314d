package org.elasticslurm.fake.slurmd;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.elasticslurm.fake.controller.LogLevel;
import org.elasticslurm.fake.server.DaemonLog;
import org.elasticslurm.fake.wire.LaunchRequest;
import org.elasticslurm.fake.wire.TaskResult;

/**
 * Runs the work the controller hands to this node as real processes, as slurmstepd would: an srun step's command
 * (found on the job's PATH, in the job's working directory, with the submitter's environment plus the SLURM_*
 * variables), its stdout and stderr kept for srun; or a batch script written to the spool directory, its output
 * going to {@code slurm-JOBID.out}. Each end is reported; REQUEST_TERMINATE_JOB ends a job's processes (SIGTERM,
 * then SIGKILL).
 */
final class JobRunner {

    private static final int MAX_OUTPUT = 16 * 1024 * 1024;
    private static final long TERMINATE_GRACE_MILLIS = 2000;
    /**
     * How long a real slurmstepd tries to tell an srun that has already gone that the killed tasks exited
     * ("Failed to send MESSAGE_TASK_EXIT: Connection refused", about 2.3 s in the recorded runs) before the step
     * is done and the epilog completes: the node stays COMPLETING that long.
     */
    private static final long TASK_EXIT_RETRY_MILLIS = 2300;

    private final String node;
    private final Path spoolDir;
    private final Path confFile;
    private final DaemonLog log;
    private final Consumer<TaskResult> report;
    private final Map<Long, List<Running>> running = new HashMap<>();

    private static final class Running {
        final Process process;
        final boolean step;
        volatile boolean killed;

        Running(Process process, boolean step) {
            this.process = process;
            this.step = step;
        }
    }

    /**
     * @param node     this slurmd's node
     * @param spoolDir SlurmdSpoolDir (batch scripts go below it)
     * @param confFile slurm.conf (SLURM_CONF of the jobs)
     * @param report   receives each end (on a reader thread)
     */
    JobRunner(String node, Path spoolDir, Path confFile, DaemonLog log, Consumer<TaskResult> report) {
        this.node = node;
        this.spoolDir = spoolDir;
        this.confFile = confFile;
        this.log = log;
        this.report = report;
    }

    /** Starts the work of a launch and returns at once. */
    void launch(LaunchRequest r) {
        Map<String, String> env = environment(r);
        StringBuilder stepErrors = new StringBuilder();
        Path workDir = Path.of(r.workDir());
        if (!Files.isDirectory(workDir)) {
            stepErrors.append("slurmstepd: error: couldn't chdir to `").append(r.workDir())
                    .append("': No such file or directory: going to /tmp instead\n");
            workDir = Path.of("/tmp");
        }
        ProcessBuilder builder;
        if (r.batch()) {
            Optional<Path> script = writeScript(r);
            if (script.isEmpty()) {
                finished(r, OptionalInt.of(1), OptionalInt.empty(), "", "");
                return;
            }
            File output = new File(r.output().orElse(workDir.resolve("slurm-" + r.jobId() + ".out").toString()));
            builder = new ProcessBuilder(script.get().toString()).redirectOutput(output).redirectErrorStream(true);
            log.log(LogLevel.INFO, "Launching batch job " + r.jobId() + " for UID "
                    + r.environment().getOrDefault("SLURM_JOB_UID", "0"));
        } else {
            Optional<String> program = resolve(r.command().isEmpty() ? "" : r.command().get(0),
                    env.getOrDefault("PATH", ""), workDir);
            if (program.isEmpty()) {
                String name = r.command().isEmpty() ? "" : r.command().get(0);
                stepErrors.append("slurmstepd: error: execve(): ").append(name)
                        .append(": No such file or directory\n");
                finished(r, OptionalInt.of(2), OptionalInt.empty(), "", stepErrors.toString());
                return;
            }
            List<String> command = new ArrayList<>(r.command());
            command.set(0, program.get());
            builder = new ProcessBuilder(command);
            log.log(LogLevel.INFO, "launch task StepId=" + r.jobId() + ".0 request from UID:"
                    + r.environment().getOrDefault("SLURM_JOB_UID", "0"));
        }
        builder.directory(workDir.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            finished(r, OptionalInt.of(2), OptionalInt.empty(), "",
                    stepErrors + "slurmstepd: error: execve(): " + builder.command().get(0) + ": " + e.getMessage()
                            + "\n");
            return;
        }
        Running run = new Running(process, !r.batch());
        synchronized (running) {
            running.computeIfAbsent(r.jobId(), k -> new ArrayList<>()).add(run);
        }
        CompletableFuture<String> out = r.batch() ? CompletableFuture.completedFuture("")
                : read(process.getInputStream(), "stdout of job " + r.jobId());
        CompletableFuture<String> err = r.batch() ? CompletableFuture.completedFuture("")
                : read(process.getErrorStream(), "stderr of job " + r.jobId());
        String prefix = stepErrors.toString();
        process.onExit().thenAccept(p -> {
            synchronized (running) {
                List<Running> list = running.get(r.jobId());
                if (list != null) {
                    list.remove(run);
                    if (list.isEmpty()) {
                        running.remove(r.jobId());
                    }
                }
            }
            int status = p.exitValue();
            OptionalInt signal = run.killed && status > 128 ? OptionalInt.of(status - 128) : OptionalInt.empty();
            OptionalInt exit = signal.isPresent() ? OptionalInt.empty() : OptionalInt.of(status);
            finished(r, exit, signal, out.join(), prefix + err.join());
        });
    }

    private void finished(LaunchRequest r, OptionalInt exit, OptionalInt signal, String stdout, String stderr) {
        if (r.batch()) {
            deleteScript(r.jobId());
        }
        report.accept(new TaskResult(r.launchId(), r.jobId(), node, r.nodeIndex(), exit, signal, stdout, stderr));
    }

    /**
     * Ends every process of a job: SIGTERM to it and its descendants, SIGKILL to what is left after 2 s; returns
     * when the job is done on this node (after slurmstepd's task-exit retries for a killed srun step).
     */
    void terminate(long jobId) {
        List<Running> runs;
        synchronized (running) {
            runs = new ArrayList<>(running.getOrDefault(jobId, List.of()));
        }
        if (runs.isEmpty()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        for (Running run : runs) {
            run.killed = true;
            run.process.descendants().forEach(all::add);
            all.add(run.process.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + TERMINATE_GRACE_MILLIS;
        for (ProcessHandle h : all) {
            long left = deadline - System.currentTimeMillis();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.MILLISECONDS);
                }
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                log.log(LogLevel.DEBUG, "process " + h.pid() + " of job " + jobId + " outlived SIGTERM");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        boolean killedStep = false;
        for (Running run : runs) {
            try {
                run.process.waitFor(TERMINATE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                killedStep |= run.step;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (killedStep) {
            log.log(LogLevel.INFO, "[" + jobId + ".0] error: Failed to send MESSAGE_TASK_EXIT: Connection refused");
            try {
                Thread.sleep(TASK_EXIT_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.log(LogLevel.INFO, "[" + jobId + ".0] done with job");
    }

    private Map<String, String> environment(LaunchRequest r) {
        Map<String, String> env = new LinkedHashMap<>(r.environment());
        String id = Long.toString(r.jobId());
        String nodes = Integer.toString(r.nodeCount());
        env.put("SLURM_CONF", confFile.toString());
        env.put("SLURM_JOB_ID", id);
        env.put("SLURM_JOBID", id);
        env.put("SLURM_JOB_NAME", r.jobName());
        env.put("SLURM_JOB_NODELIST", r.nodeList());
        env.put("SLURM_NODELIST", r.nodeList());
        env.put("SLURM_JOB_NUM_NODES", nodes);
        env.put("SLURM_NNODES", nodes);
        env.put("SLURM_JOB_PARTITION", r.partition());
        env.put("SLURM_SUBMIT_DIR", r.workDir());
        env.put("SLURMD_NODENAME", node);
        env.put("SLURM_NODEID", Integer.toString(r.nodeIndex()));
        if (!r.batch()) {
            env.put("SLURM_STEP_ID", "0");
            env.put("SLURM_STEPID", "0");
            env.put("SLURM_PROCID", Integer.toString(r.nodeIndex()));
            env.put("SLURM_LOCALID", "0");
            env.put("SLURM_NTASKS", nodes);
            env.put("SLURM_NPROCS", nodes);
        }
        return env;
    }

    /** The program as execvp would find it on the job's PATH (relative to the working directory if it has a /). */
    static Optional<String> resolve(String name, String path, Path workDir) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.contains("/")) {
            Path p = workDir.resolve(name);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p.toString()) : Optional.empty();
        }
        for (String dir : path.split(":")) {
            Path p = (dir.isEmpty() ? workDir : workDir.resolve(dir)).resolve(name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    private Optional<Path> writeScript(LaunchRequest r) {
        try {
            Path dir = Files.createDirectories(spoolDir.resolve(String.format("job%05d", r.jobId())));
            Path script = dir.resolve("slurm_script");
            Files.writeString(script, r.script().orElse("#!/bin/sh\n"), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return Optional.of(script);
        } catch (IOException e) {
            log.log(LogLevel.ERROR, "cannot write the batch script of job " + r.jobId() + " in " + spoolDir + ": "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private void deleteScript(long jobId) {
        Path dir = spoolDir.resolve(String.format("job%05d", jobId));
        try {
            Files.deleteIfExists(dir.resolve("slurm_script"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.log(LogLevel.ERROR, "cannot remove " + dir + ": " + e.getMessage());
        }
    }

    private static CompletableFuture<String> read(InputStream stream, String what) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            try (stream) {
                int n;
                while ((n = stream.read(chunk)) >= 0) {
                    if (buffer.size() + n <= MAX_OUTPUT) {
                        buffer.write(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                buffer.writeBytes(("[" + what + " cut: " + e.getMessage() + "]\n").getBytes(StandardCharsets.UTF_8));
            }
            text.complete(buffer.toString(StandardCharsets.UTF_8));
        }, "slurmd-output");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
