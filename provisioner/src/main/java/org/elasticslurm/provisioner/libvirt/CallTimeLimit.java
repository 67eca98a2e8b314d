package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;

/**
 * Runs calls to one host on threads of its own and waits for each at most {@code limit}. A call that takes longer
 * (a libvirtd that stopped answering blocks in native code, where no interrupt reaches) fails the caller with a
 * transient {@link BackendException}; its thread is left to finish or to hang. At most {@code maxOutstanding}
 * calls may be running or hanging at once; beyond that a call fails at once, so hung calls cannot pile up threads
 * without bound. A call left without answer is logged by name when its caller gives up, and again if it ends.
 */
final class CallTimeLimit implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TimeLimitedHypervisor.class);

    private final String uri;
    private final Duration limit;
    private final int maxOutstanding;
    private final Semaphore outstanding;
    private final ExecutorService threads;

    CallTimeLimit(String uri, Duration limit, int maxOutstanding) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the libvirt call timeout must be positive (" + limit + ")");
        }
        this.uri = uri;
        this.limit = limit;
        this.maxOutstanding = maxOutstanding;
        this.outstanding = new Semaphore(maxOutstanding);
        this.threads = Executors.newCachedThreadPool(named("libvirt-call-"));
    }

    Duration limit() {
        return limit;
    }

    /** Runs {@code body}; its own exceptions pass unchanged, a timeout becomes a transient backend exception. */
    <T> T call(String what, Supplier<T> body) {
        if (!outstanding.tryAcquire()) {
            throw new BackendException(uri + ": " + what + ": not attempted, " + maxOutstanding
                    + " earlier calls still have no answer (the host does not answer)", true, null);
        }
        Future<T> future;
        AtomicBoolean abandoned = new AtomicBoolean();
        try {
            future = threads.submit(() -> {
                try {
                    return body.get();
                } finally {
                    outstanding.release();
                    if (abandoned.get()) {
                        LOG.infof("%s: %s ended after its caller gave up", uri, what);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            outstanding.release();
            throw new BackendException(uri + ": " + what + ": the connection is closed", false, e);
        }
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            future.cancel(true);
            LOG.warnf("%s: %s: no answer within %s; the caller gives up, the call keeps its thread until it ends"
                    + " (%d of at most %d calls to this host without answer)", uri, what, limit,
                    maxOutstanding - outstanding.availablePermits(), maxOutstanding);
            throw new BackendException(uri + ": " + what + ": no answer within " + limit
                    + " (provisioner.libvirt.call-timeout)", true, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BackendException(uri + ": " + what + ": interrupted while waiting for the host", true, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new BackendException(uri + ": " + what + ": " + e.getCause(), false, e.getCause());
        }
    }

    /** Stops taking calls; threads of hanging calls are left to end on their own (they are daemon threads). */
    @Override
    public void close() {
        threads.shutdownNow();
    }

    private ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
