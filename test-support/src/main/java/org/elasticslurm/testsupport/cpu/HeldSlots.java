package org.elasticslurm.testsupport.cpu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The CPU slots a costed test holds while it runs ({@link CpuSlots#held()}), which the test can give back before it
 * ends, all or some, once its CPU-bound part is over (a TCG guest booted, the rest of the test waits on timers):
 * {@link #lowerTo}, {@link #release()}. Callable from any thread and as often as wanted: a holding only ever gets
 * lower, and what the test gave back is not given back again when it ends. Each count it held is one line of the
 * slot log ({@link SlotUsageLog}): the count held until a lowering ends with {@code lowered to <k>}, the count held
 * until the test ended does not.
 */
public final class HeldSlots {

    private static final HeldSlots NONE = new HeldSlots(null, null, null, Instant.EPOCH, Instant.EPOCH, "");

    private final MachineSlots.Held held;
    private final SlotUsageLog log;
    private final Clock clock;
    private final String what;
    private Instant since;
    private Instant from;
    private boolean ended;

    /**
     * @param held the slots taken
     * @param log where each count held is written
     * @param asked when the test asked for its slots
     * @param got when it had them all
     * @param what the test or set-up method, as the log names it
     */
    HeldSlots(MachineSlots.Held held, SlotUsageLog log, Clock clock, Instant asked, Instant got, String what) {
        this.held = held;
        this.log = log;
        this.clock = clock;
        this.since = asked;
        this.from = got;
        this.what = what;
    }

    /** The holding of a test that takes no slot (its cost is 0): nothing to give back. */
    static HeldSlots none() {
        return NONE;
    }

    /** How many slots are held now (0 once the test ended or gave every slot back). */
    public synchronized int count() {
        return held == null || ended ? 0 : held.count();
    }

    /**
     * Keeps {@code count} slots and gives back the others; nothing when {@code count} slots or fewer are held (also
     * after the test ended).
     *
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public synchronized void lowerTo(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a test can lower its CPU slots to 0 or more, not " + count);
        }
        if (count >= count()) {
            return;
        }
        record(OptionalInt.of(count));
        held.lowerTo(count);
    }

    /** Gives back every slot still held: {@code lowerTo(0)}. */
    public void release() {
        lowerTo(0);
    }

    /** The test ended: logs the count still held, if any, and gives it back; afterwards nothing is held. */
    synchronized void end() {
        if (held == null || ended) {
            return;
        }
        ended = true;
        if (held.count() > 0) {
            record(OptionalInt.empty());
        }
        held.close();
    }

    /** Logs the count held until now; the next count is held from now, having waited for nothing. */
    private void record(OptionalInt loweredTo) {
        Instant now = clock.instant();
        log.record(new SlotUse(since, ProcessHandle.current().pid(), what, held.count(),
                Duration.between(since, from), Duration.between(from, now), loweredTo));
        since = now;
        from = now;
    }
}
