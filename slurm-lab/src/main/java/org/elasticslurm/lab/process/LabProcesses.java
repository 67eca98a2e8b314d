package org.elasticslurm.lab.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a lab's processes and ends them by PID. Every process gets the environment variable
 * {@value #MARKER}{@code =<lab dir>}; processes that daemons start on the lab's behalf inherit it (slurmstepd,
 * job steps, even when re-parented to init), so the final sweep ends exactly this lab's processes and no others.
 * Hook programs are the exception: slurmctld starts them with a clean environment, and they exit at once.
 */
public final class LabProcesses {

    /** Environment variable that marks a lab's processes. */
    public static final String MARKER = "ELASTIC_SLURM_LAB";

    private final String markerValue;
    private final Path workDir;
    private final List<Process> started = new ArrayList<>();

    public LabProcesses(Path labDir) {
        this.markerValue = labDir.toString();
        this.workDir = labDir;
    }

    /**
     * Starts a command in the lab directory with exactly {@code environment} (plus the marker), stdout and stderr
     * appended to the given files, stdin from /dev/null.
     */
    public synchronized Process start(List<String> command, Map<String, String> environment, Path stdout, Path stderr) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put(MARKER, markerValue);
        try {
            Process process = builder.start();
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new LabException("cannot start " + String.join(" ", command), e);
        }
    }

    /** SIGKILL, then wait up to 5 s for it to be gone. */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(process, 5);
    }

    /** SIGTERM, wait up to {@code graceSeconds}, then SIGKILL. */
    public static void terminate(Process process, long graceSeconds) {
        process.destroy();
        if (!awaitExit(process, graceSeconds)) {
            kill(process);
        }
    }

    /** Ends every process this lab started that is still alive (SIGKILL), then sweeps marked processes. */
    public synchronized void killAll() {
        for (Process process : started) {
            if (process.isAlive()) {
                kill(process);
            }
        }
        sweepMarked();
    }

    /** SIGKILLs every process whose environment carries this lab's marker; returns their PIDs. */
    public List<Long> sweepMarked() {
        List<Long> killed = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (long pid : markedPids()) {
            if (pid != self) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    if (h.destroyForcibly()) {
                        killed.add(pid);
                    }
                });
            }
        }
        return killed;
    }

    /** PIDs of live processes whose environment carries this lab's marker. */
    public List<Long> markedPids() {
        byte[] wanted = (MARKER + "=" + markerValue + "\0").getBytes(StandardCharsets.UTF_8);
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && carries(entry.resolve("environ"), wanted)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot list /proc to find the lab's processes", e);
        }
        return pids;
    }

    private static boolean carries(Path environ, byte[] wanted) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException e) {
            return false; // the process ended meanwhile, or its environ is not readable: not one of ours
        }
        outer:
        for (int i = 0; i + wanted.length <= env.length; i++) {
            if (i > 0 && env[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < wanted.length; j++) {
                if (env[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean awaitExit(Process process, long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // keep the flag; tearing down goes on with SIGKILL
            return !process.isAlive();
        }
    }
}
