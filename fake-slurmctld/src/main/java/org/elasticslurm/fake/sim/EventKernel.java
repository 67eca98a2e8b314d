package org.elasticslurm.fake.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * A discrete-event simulation kernel on a virtual clock, synchronous in the caller's thread.
 *
 * <p>Events are lambdas ordered by (time, priority, sequence). Time only moves when the caller runs the kernel
 * ({@link #runUntil}, {@link #advance}, {@link #step}); between events it jumps straight to the next one, so a
 * simulated day takes as long as its events take to compute. Not thread-safe: use it from one thread.
 */
public final class EventKernel implements Scheduler {

    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final RandomGenerator random;
    private long now;
    private long sequence;
    private long executed;
    private boolean running;
    private Runnable afterEachEvent = () -> { };

    /**
     * @param start the virtual time at which the kernel starts
     * @param seed seed of {@link #random()}
     */
    public EventKernel(Instant start, long seed) {
        this.now = start.toEpochMilli();
        this.random = new SplittableRandom(seed);
    }

    /**
     * Runs {@code observer} after every event, at that event's time, in the kernel's thread (e.g. to note what the
     * event changed); replaces the previous observer.
     */
    public void afterEachEvent(Runnable observer) {
        this.afterEachEvent = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public EventHandle schedule(long atMillis, int priority, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (atMillis < now) {
            throw new IllegalArgumentException("cannot schedule an event in the past: at "
                    + Instant.ofEpochMilli(atMillis) + " but the clock is at " + Instant.ofEpochMilli(now));
        }
        Event event = new Event(atMillis, priority, sequence++, action);
        queue.add(event);
        return event;
    }

    /** Runs the action at the current time, after the events already due now (priority {@code Integer.MAX_VALUE}). */
    @Override
    public void execute(Runnable action) {
        schedule(now, Integer.MAX_VALUE, action);
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /**
     * Runs the next pending event, moving the clock to its time.
     *
     * @return false when no event was pending
     */
    public boolean step() {
        Event event = pollLive();
        if (event == null) {
            return false;
        }
        run(event);
        return true;
    }

    /** Runs every event due at or before {@code until}, then sets the clock to {@code until}. */
    public void runUntil(Instant until) {
        runUntil(until.toEpochMilli());
    }

    /** Runs every event due at or before {@code untilMillis}, then sets the clock to it. */
    public void runUntil(long untilMillis) {
        if (untilMillis < now) {
            throw new IllegalArgumentException("cannot run backwards to " + Instant.ofEpochMilli(untilMillis)
                    + ": the clock is at " + Instant.ofEpochMilli(now));
        }
        while (true) {
            Event next = peekLive();
            if (next == null || next.time > untilMillis) {
                break;
            }
            queue.poll();
            run(next);
        }
        now = untilMillis;
    }

    /** Runs the events of the next {@code duration} and moves the clock by it. */
    public void advance(Duration duration) {
        runUntil(Math.addExact(now, duration.toMillis()));
    }

    /**
     * Runs events one by one while {@code condition} holds, but not past {@code deadline}.
     *
     * @return true when the condition became false, false when the deadline or the end of the queue came first
     *         (the clock then stands at the deadline, or at the last event run)
     */
    public boolean runWhile(BooleanSupplier condition, Instant deadline) {
        long limit = deadline.toEpochMilli();
        while (condition.getAsBoolean()) {
            Event next = peekLive();
            if (next == null) {
                return false;
            }
            if (next.time > limit) {
                now = Math.max(now, limit);
                return false;
            }
            queue.poll();
            run(next);
        }
        return true;
    }

    /** When the next pending event is due, if any. */
    public Optional<Instant> nextEventTime() {
        Event next = peekLive();
        return next == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next.time));
    }

    /** Number of events run so far. */
    public long executedEvents() {
        return executed;
    }

    /** Number of events waiting (cancelled ones not yet discarded included). */
    public int queuedEvents() {
        return queue.size();
    }

    private void run(Event event) {
        if (running) {
            throw new IllegalStateException("the kernel is already running an event (re-entrant run)");
        }
        now = event.time;
        event.done = true;
        executed++;
        running = true;
        try {
            event.action.run();
        } finally {
            running = false;
        }
        afterEachEvent.run();
    }

    private Event peekLive() {
        Event head = queue.peek();
        while (head != null && head.cancelled) {
            queue.poll();
            head = queue.peek();
        }
        return head;
    }

    private Event pollLive() {
        Event head = peekLive();
        if (head != null) {
            queue.poll();
        }
        return head;
    }

    private static final class Event implements EventHandle, Comparable<Event> {
        final long time;
        final int priority;
        final long sequence;
        final Runnable action;
        boolean cancelled;
        boolean done;

        Event(long time, int priority, long sequence, Runnable action) {
            this.time = time;
            this.priority = priority;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(priority, o.priority);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }

        @Override
        public void cancel() {
            if (!done) {
                cancelled = true;
            }
        }

        @Override
        public boolean isPending() {
            return !done && !cancelled;
        }

        @Override
        public long timeMillis() {
            return time;
        }
    }
}
