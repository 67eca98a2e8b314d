package org.elasticslurm.scenarios.target.lab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticslurm.lab.process.CleanupOnExit;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * Everything a lab must undo, in reverse order of creation: closed once by {@link #close} (the session's end, or a
 * failed set-up), or by a JVM shutdown hook ({@link CleanupOnExit}) when the run is interrupted (SIGTERM, SIGINT,
 * Ctrl-C), so processes, VMs, volumes, pools and namespaces are removed on every path. Steps added with
 * {@link #addOnFailure} (keeping a failed run's logs) run only when the run was not noted as passed.
 */
public final class LabTeardown implements AutoCloseable {
    private final Deque<AutoCloseable> steps = new ArrayDeque<>();
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean passed = new AtomicBoolean();
    private final CleanupOnExit onExit;

    /** @param what names the lab (thread name) */
    public LabTeardown(String what) {
        this.onExit = CleanupOnExit.register("teardown of " + what, this::undo);
    }

    /** Adds something to undo before everything added earlier; returns it. */
    public synchronized <T extends AutoCloseable> T add(T step) {
        steps.push(step);
        return step;
    }

    /**
     * Adds something to do, before everything added earlier, only when the run did not pass: it failed, ended with
     * an error, was interrupted or could not be set up ({@link #runPassed} was not called). Returns it.
     */
    public synchronized <T extends AutoCloseable> T addOnFailure(T step) {
        steps.push(() -> {
            if (!passed.get()) {
                step.close();
            }
        });
        return step;
    }

    /** Notes that the run passed: what {@link #addOnFailure} added is not done. */
    public void runPassed() {
        passed.set(true);
    }

    /** Undoes everything (once). */
    @Override
    public void close() {
        if (onExit.cancel()) {
            undo();
        } // else the JVM is shutting down: the hook undoes it
    }

    /**
     * Undoes everything after a failed set-up and gives what to throw: {@code failure} itself when it is a
     * {@link TargetException} (with its message when it is a lab's {@link LabException}), else one saying
     * {@code what} failed and why. A failure of the undo is added to
     * {@code failure} as suppressed.
     *
     * @param what what could not be done, e.g. "level3: cannot set up the qemu lab"
     */
    public TargetException abandon(String what, Exception failure) {
        try {
            close();
        } catch (RuntimeException x) {
            failure.addSuppressed(x);
        }
        if (failure instanceof TargetException t) {
            return t;
        }
        return failure instanceof LabException l ? new TargetException(l.getMessage(), l)
                : new TargetException(what + ": " + failure.getMessage(), failure);
    }

    private void undo() {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        List<Exception> problems = new ArrayList<>();
        List<AutoCloseable> all;
        synchronized (this) {
            all = List.copyOf(steps);
        }
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                problems.add(e);
            }
        }
        if (!problems.isEmpty()) {
            TargetException t = new TargetException("tearing the lab down: " + problems.get(0).getMessage(),
                    problems.get(0));
            problems.stream().skip(1).forEach(t::addSuppressed);
            throw t;
        }
    }
}
