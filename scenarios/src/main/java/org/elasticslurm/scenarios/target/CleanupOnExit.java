package org.elasticslurm.scenarios.target;

/**
 * A clean-up that also runs when the JVM is ended by a signal (SIGTERM, SIGINT, SIGHUP: a JVM shutdown hook)
 * before the run has cleaned up by itself ({@link #close()}). A lab registers one as soon as it has something to
 * remove (its scratch directory, its processes), so ending {@code elastic-lab} mid-run leaves nothing behind.
 *
 * <p>The clean-up must be idempotent and wait for one already under way (e.g. {@code synchronized}): a signal
 * can arrive while the run is closing its lab, and the JVM exits once the hook has returned.
 */
public final class CleanupOnExit implements AutoCloseable {

    private final Thread hook;

    private CleanupOnExit(String name, Runnable cleanup) {
        this.hook = new Thread(cleanup, name);
    }

    /** Registers the clean-up to run if the JVM exits before {@link #close()}. */
    public static CleanupOnExit register(String name, Runnable cleanup) {
        CleanupOnExit c = new CleanupOnExit(name, cleanup);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** The run has cleaned up by itself: nothing to do at exit. */
    @Override
    public void close() {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and runs the (idempotent) clean-up anyway
        }
    }
}
