package org.elasticslurm.lab.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes a lab started, by name (unlike {@link LabProcesses}, which marks and sweeps a real-daemon lab's),
 * each ended by its PID (and its descendants, which the lab started through it): {@link #stop} with SIGTERM and
 * SIGKILL after a grace, {@link #kill} with SIGKILL at once (a machine that vanished; real slurmd may ignore
 * SIGTERM).
 */
public final class NamedProcesses implements AutoCloseable {
    private final Map<String, Process> processes = new LinkedHashMap<>();

    /**
     * Starts a process with exactly this environment, stdin from /dev/null, stdout and stderr into {@code log}.
     *
     * @throws LabException when it cannot be started or the name is in use by a running process
     */
    public synchronized Process start(String name, List<String> command, Map<String, String> environment,
                                      Path workDir, Path log) {
        return start(name, command, environment, workDir, log, null);
    }

    /** Like {@link #start(String, List, Map, Path, Path)} with stderr in a file of its own (null: with stdout). */
    public synchronized Process start(String name, List<String> command, Map<String, String> environment,
                                      Path workDir, Path log, Path errors) {
        Process old = processes.get(name);
        if (old != null && old.isAlive()) {
            throw new LabException(name + " is already running (PID " + old.pid() + ")");
        }
        ProcessBuilder b = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (errors == null) {
            b.redirectErrorStream(true);
        } else {
            b.redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile()));
        }
        b.environment().clear();
        b.environment().putAll(environment);
        try {
            Process p = b.start();
            processes.put(name, p);
            return p;
        } catch (IOException e) {
            throw new LabException("cannot start " + name + " (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
    }

    /** Whether the named process runs. */
    public synchronized boolean running(String name) {
        Process p = processes.get(name);
        return p != null && p.isAlive();
    }

    /** The named process, if it was started. */
    public synchronized Optional<Process> get(String name) {
        return Optional.ofNullable(processes.get(name));
    }

    /** SIGKILL to the process and its descendants. */
    public void kill(String name) {
        Process p;
        synchronized (this) {
            p = processes.get(name);
        }
        if (p != null) {
            List<ProcessHandle> all = family(p);
            all.forEach(ProcessHandle::destroyForcibly);
            await(p, 10);
            awaitGone(all);
        }
    }

    /** SIGTERM to the process, SIGKILL to it and its descendants after {@code graceSeconds}. */
    public void stop(String name, int graceSeconds) {
        Process p;
        synchronized (this) {
            p = processes.get(name);
        }
        if (p == null || !p.isAlive()) {
            return;
        }
        List<ProcessHandle> all = family(p);
        p.destroy();
        if (!await(p, graceSeconds)) {
            p.destroyForcibly();
            await(p, 10);
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitGone(all);
    }

    /** Waits (at most 10 s) until the processes are gone, so that whoever comes next no longer sees them. */
    private static void awaitGone(List<ProcessHandle> all) {
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new LabException("process " + h.pid() + " did not end within 10 s of SIGKILL", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<ProcessHandle> family(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(0, p.toHandle());
        return all;
    }

    private static boolean await(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    /** Stops every process still running, the last started first. */
    @Override
    public void close() {
        List<String> names;
        synchronized (this) {
            names = new ArrayList<>(processes.keySet());
        }
        Collections.reverse(names);
        for (String n : names) {
            stop(n, 10);
        }
    }
}
