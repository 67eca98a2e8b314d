package org.elasticslurm.lab.process;

/**
 * A clean-up that also runs when the JVM is ended by a signal (SIGTERM, SIGINT, SIGHUP: a JVM shutdown hook)
 * before the run has cleaned up by itself ({@link #close()}). A lab registers one as soon as it has something to
 * remove (its scratch directory, its processes), so ending the JVM mid-run leaves nothing behind. The one
 * shutdown-hook mechanism of the labs: {@code Lab}, the scenarios' sessions and their teardowns.
 *
 * <p>The clean-up must be idempotent and wait for one already under way (e.g. {@code synchronized}): a signal
 * can arrive while the run is closing its lab, and the JVM exits once the hook has returned.
 */
public final class CleanupOnExit implements AutoCloseable {

    private final Thread hook;
    private volatile boolean registered;

    private CleanupOnExit(String name, Runnable cleanup) {
        this.hook = new Thread(cleanup, name);
    }

    /** Registers the clean-up to run if the JVM exits before {@link #close()}; {@code name} names its thread. */
    public static CleanupOnExit register(String name, Runnable cleanup) {
        CleanupOnExit c = new CleanupOnExit(name, cleanup);
        Runtime.getRuntime().addShutdownHook(c.hook);
        c.registered = true;
        return c;
    }

    /**
     * The run cleans up by itself: the clean-up will not run at exit. Returns false when it runs (or ran) as the
     * JVM's shutdown hook anyway: the JVM is shutting down, or this is called from the clean-up itself.
     */
    public boolean cancel() {
        if (Thread.currentThread() == hook) {
            return false;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            registered = false;
            return true;
        } catch (IllegalStateException e) {
            return false; // the JVM is already shutting down and runs the (idempotent) clean-up anyway
        }
    }

    /** Whether the clean-up is still registered to run at the JVM's exit (not cancelled). */
    public boolean registered() {
        return registered;
    }

    /** The run has cleaned up by itself: nothing to do at exit (as {@link #cancel()}). */
    @Override
    public void close() {
        cancel();
    }
}
