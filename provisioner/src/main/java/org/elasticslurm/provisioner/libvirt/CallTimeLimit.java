package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
        this(uri, limit, maxOutstanding, null);
    }

    /** With the threads the calls run on ({@code null}: threads of its own, made as needed). */
    CallTimeLimit(String uri, Duration limit, int maxOutstanding, ExecutorService threads) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the libvirt call timeout must be positive (" + limit + ")");
        }
        this.uri = uri;
        this.limit = limit;
        this.maxOutstanding = maxOutstanding;
        this.outstanding = new Semaphore(maxOutstanding);
        this.threads = threads != null ? threads : Executors.newCachedThreadPool(named("libvirt-call-"));
    }

    Duration limit() {
        return limit;
    }

    /**
     * Runs {@code body}; its own exceptions pass unchanged. When the caller gives up (timeout, interrupt) an
     * {@link AbandonedCall} is thrown: the call may still take effect, unless it had not begun (it then never does).
     * The call's permit is released exactly once: when it ends, or at once when it is given up before it began.
     */
    <T> T call(String what, Supplier<T> body) {
        if (!outstanding.tryAcquire()) {
            throw new BackendException(uri + ": " + what + ": not attempted, " + maxOutstanding
                    + " earlier calls still have no answer (the host does not answer)", true, null);
        }
        AtomicBoolean claimed = new AtomicBoolean(); // by the call's thread when it begins, or by a caller giving up
        AtomicBoolean abandoned = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        Future<T> future;
        try {
            future = threads.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null; // given up before it began: never runs
                }
                try {
                    return body.get();
                } finally {
                    outstanding.release();
                    ended.countDown();
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
            giveUp(future, claimed, ended);
            LOG.warnf("%s: %s: no answer within %s; the caller gives up, the call keeps its thread until it ends"
                    + " (%d of at most %d calls to this host without answer)", uri, what, limit,
                    withoutAnswer(), maxOutstanding);
            throw new AbandonedCall(uri + ": " + what + ": no answer within " + limit
                    + " (provisioner.libvirt.call-timeout)", ended, limit, e);
        } catch (InterruptedException e) {
            abandoned.set(true);
            giveUp(future, claimed, ended);
            Thread.currentThread().interrupt();
            throw new AbandonedCall(uri + ": " + what + ": interrupted while waiting for the host", ended, limit, e);
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

    /** A call not yet begun never will, and its permit is released here; one under way is interrupted. */
    private void giveUp(Future<?> future, AtomicBoolean claimed, CountDownLatch ended) {
        if (claimed.compareAndSet(false, true)) {
            outstanding.release();
            ended.countDown();
        }
        future.cancel(true);
    }

    /** Calls running or hanging now (each holds a permit). */
    int withoutAnswer() {
        return maxOutstanding - outstanding.availablePermits();
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
