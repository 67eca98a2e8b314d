package org.elasticslurm.fake.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Drives the same event-based components as {@link EventKernel}, but on the wall clock: a single thread runs
 * each event when its time has come. Other threads talk to the components only through {@link #execute} and
 * {@link #call}, which hand the work to that thread; the components themselves stay single-threaded.
 *
 * <p>Before {@link #start()} the owner may set components up from its own thread (scheduling their first
 * events); afterwards scheduling is only allowed on the driver thread.
 */
public final class RealTimeDriver implements Scheduler, AutoCloseable {

    private static final int PRIORITY_POSTED = Integer.MAX_VALUE;

    private final Clock clock;
    private final EventKernel kernel;
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final Consumer<Throwable> failureHandler;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean started;

    /**
     * @param clock the wall clock
     * @param seed seed of {@link #random()}
     * @param threadName name of the driver thread
     * @param failureHandler receives an exception thrown by an event; the driver stops after it
     */
    public RealTimeDriver(Clock clock, long seed, String threadName, Consumer<Throwable> failureHandler) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.kernel = new EventKernel(clock.instant(), seed);
        this.failureHandler = Objects.requireNonNull(failureHandler, "failureHandler");
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    /** Starts the driver thread. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the driver is already started");
        }
        started = true;
        thread.start();
    }

    /**
     * Runs {@code observer} on the driver thread after every event, posted ones included (see
     * {@link EventKernel#afterEachEvent}); to be set before {@link #start()}.
     */
    public synchronized void afterEachEvent(Runnable observer) {
        if (started) {
            throw new IllegalStateException("the observer must be set before the driver starts");
        }
        kernel.afterEachEvent(observer);
    }

    /** Whether the calling thread is the driver thread. */
    public boolean inDriverThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public Instant now() {
        return kernel.now();
    }

    @Override
    public long nowMillis() {
        return kernel.nowMillis();
    }

    @Override
    public EventHandle schedule(long atMillis, int priority, Runnable action) {
        checkConfined();
        return kernel.schedule(atMillis, priority, action);
    }

    @Override
    public void execute(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (started && !inDriverThread()) {
            inbox.add(action);
        } else {
            kernel.schedule(kernel.nowMillis(), PRIORITY_POSTED, action);
        }
    }

    /**
     * Runs a function on the driver thread and hands its result to the caller's thread.
     *
     * @return completes with the result, or exceptionally with what the function threw
     */
    public <T> CompletableFuture<T> call(Callable<T> function) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(function.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public RandomGenerator random() {
        checkConfined();
        return kernel.random();
    }

    /** Stops the driver thread after the event it is running; pending events are dropped. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        inbox.add(() -> { });
        if (started && !inDriverThread()) {
            thread.join();
        }
    }

    /** Whether the driver thread has ended. */
    public boolean isStopped() {
        return started && !thread.isAlive();
    }

    private void checkConfined() {
        if (started && !inDriverThread()) {
            throw new IllegalStateException("scheduling from thread " + Thread.currentThread().getName()
                    + ": only the driver thread may schedule once the driver is started; use execute() or call()");
        }
    }

    private void loop() {
        try {
            while (!stopping) {
                runDue();
                Runnable posted = inbox.poll(waitMillis(), TimeUnit.MILLISECONDS);
                while (posted != null && !stopping) {
                    kernel.schedule(Math.max(kernel.nowMillis(), wallMillis()), PRIORITY_POSTED, posted);
                    posted = inbox.poll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failureHandler.accept(e);
        }
    }

    private void runDue() {
        long wall = wallMillis();
        if (wall > kernel.nowMillis()) {
            kernel.runUntil(wall);
        } else {
            kernel.runUntil(kernel.nowMillis());
        }
    }

    private long waitMillis() {
        Optional<Instant> next = kernel.nextEventTime();
        if (next.isEmpty()) {
            return Long.MAX_VALUE / 2;
        }
        return Math.max(0, next.get().toEpochMilli() - wallMillis());
    }

    private long wallMillis() {
        return clock.millis();
    }
}
