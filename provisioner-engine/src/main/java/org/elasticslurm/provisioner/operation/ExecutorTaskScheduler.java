package org.elasticslurm.provisioner.operation;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link TaskScheduler} on threads: {@code maxParallel} workers run steps; one timer thread only hands delayed
 * steps to the workers, so a node waiting for its boot holds no worker.
 */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ExecutorTaskScheduler.class.getName());
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    /** @param maxParallel the number of workers */
    public ExecutorTaskScheduler(int maxParallel) {
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(maxParallel, maxParallel, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "provisioner-worker-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "provisioner-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    @Override
    public void execute(Runnable task) {
        workers.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Runnable guarded = guarded(task);
        ScheduledFuture<?> f = timer.schedule(() -> workers.execute(guarded), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Whatever a task throws is logged at the task's boundary; the worker lives on. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "a provisioner task failed (the worker carries on): " + e, e);
            }
        };
    }

    /** Stops taking tasks and waits briefly for running ones. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        workers.shutdown();
        if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
