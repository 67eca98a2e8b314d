package org.elasticslurm.provisioner.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import org.elasticslurm.provisioner.operation.TaskScheduler;
import org.elasticslurm.testsupport.MutableClock;

/**
 * A {@link TaskScheduler} on virtual time: tasks run in the caller's thread, ordered by (time, sequence),
 * when the test calls {@link #runUntilIdle()} or {@link #advance(Duration)}.
 */
public final class VirtualScheduler implements TaskScheduler {
    private final MutableClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;

    private final class Entry implements Comparable<Entry>, Cancellable {
        final Instant at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Entry(Instant at, Runnable task) {
            this.at = at;
            this.seq = sequence++;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public VirtualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(new Entry(clock.instant(), task));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Entry e = new Entry(clock.instant().plus(delay), task);
        queue.add(e);
        return e;
    }

    /** Runs every task due now (and the tasks they add that are due now). */
    public void runUntilIdle() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code d}, running every task when its time comes. */
    public void advance(Duration d) {
        Instant end = clock.instant().plus(d);
        while (!queue.isEmpty() && !queue.peek().at.isAfter(end)) {
            Entry e = queue.poll();
            if (e.at.isAfter(clock.instant())) {
                clock.set(e.at);
            }
            if (!e.cancelled) {
                e.task.run();
            }
        }
        clock.set(end);
    }

    /** Number of tasks waiting (cancelled ones included). */
    public int pending() {
        return (int) queue.stream().filter(e -> !e.cancelled).count();
    }
}
