package org.elasticslurm.lab.real;

import java.nio.file.Path;
import org.elasticslurm.lab.ports.FreePorts;
import org.elasticslurm.lab.process.CleanupOnExit;

/**
 * What a lab holds outside its own processes, and the order its teardown gives it back in: first the processes
 * are ended (the lab's own teardown), then its ports are released (their daemons have ended: other labs may take
 * them), then its JVM shutdown hook is removed, and last its directory is deleted unless it is kept.
 *
 * <p>The ports and the shutdown hook are given back even when ending the processes fails, so a failed teardown
 * neither keeps ports reserved for the JVM's life nor leaves a hook (and the lab it refers to) registered; the
 * directory is then kept, for looking into the failure.
 */
final class LabResources {

    private final Path dir;
    private final FreePorts ports;
    private CleanupOnExit onExit;
    private boolean keepDirectory;
    private boolean closed;

    LabResources(Path dir, FreePorts ports) {
        this.dir = dir;
        this.ports = ports;
    }

    /** Runs {@code tearDown} if the JVM ends before {@link #close}. It must be idempotent and synchronized. */
    synchronized void tearDownAtExit(Runnable tearDown) {
        onExit = CleanupOnExit.register("lab-teardown " + dir, tearDown);
    }

    /** Keeps the directory after {@link #close}. */
    synchronized void keepDirectory() {
        keepDirectory = true;
    }

    /** The shutdown hook, once registered (null before). */
    synchronized CleanupOnExit exitHook() {
        return onExit;
    }

    /**
     * Ends the processes ({@code tearDown}), then gives back the ports, the shutdown hook and the directory, in
     * that order; the ports and the hook also when {@code tearDown} throws (which is then rethrown). Once only.
     */
    synchronized void close(Runnable tearDown) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            tearDown.run();
        } catch (RuntimeException | Error e) {
            keepDirectory = true;
            throw e;
        } finally {
            try {
                ports.close();
            } finally {
                if (onExit != null) {
                    onExit.close(); // during the JVM's shutdown its hook runs tearDown too
                }
            }
        }
        if (!keepDirectory) {
            LabDirectory.delete(dir);
        }
    }
}
