package org.elasticslurm.lab.real;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.trace.TraceRecorder;

/**
 * A wait for a node to be in a state, as the lab's observers of node states ({@link NodeStateSampler},
 * {@link NodeStateFeedReader}) judge it: reached by an observation of the state dated before the deadline (tenths of
 * the recorder's time), however late that observation arrives. Until the deadline the wait goes on; past it, only
 * while the observer's {@link LateAnswers} rule says an observation dated before the deadline may still arrive.
 *
 * <p>Not thread-safe: it is created, fed and awaited holding the observer's monitor.
 */
final class StateWait {

    /** Whether a wait past its deadline goes on for an observation dated before the deadline. */
    @FunctionalInterface
    interface LateAnswers {

        /** Not at all: the wait ends at its deadline. */
        LateAnswers NONE = (deadlineTenths, elapsed) -> false;

        /**
         * Whether an observation dated before the deadline may still arrive.
         *
         * @param deadlineTenths the wait's deadline
         * @param elapsed        the recorder's time now (past the deadline)
         */
        boolean mayCome(long deadlineTenths, Duration elapsed);

        /** For {@code grace} past the deadline (the observer learns of a state at most that late). */
        static LateAnswers within(Duration grace) {
            return (deadlineTenths, elapsed) -> elapsed.toMillis() < deadlineTenths * 100 + grace.toMillis();
        }
    }

    /** How the observer waits for news of node states. */
    @FunctionalInterface
    interface News {

        /**
         * Waits for news (on the observer's monitor, which the caller holds) and takes in what came, which it passes
         * to the wait's {@link #observed}.
         *
         * @param untilDeadline the time left to the deadline (zero or negative once it has passed)
         */
        void await(Duration untilDeadline) throws InterruptedException;
    }

    private final TraceRecorder recorder;
    private final String node;
    private final String state;
    private final long deadlineTenths;
    private boolean reached;

    private StateWait(TraceRecorder recorder, String node, String state, long deadlineTenths) {
        this.recorder = recorder;
        this.node = node;
        this.state = state;
        this.deadlineTenths = deadlineTenths;
    }

    /** A wait for {@code node} to be in {@code state} with its deadline {@code timeout} from the recorder's now. */
    static StateWait of(TraceRecorder recorder, String node, String state, Duration timeout) {
        return new StateWait(recorder, node, state, recorder.elapsedTenths() + timeout.toMillis() / 100);
    }

    String node() {
        return node;
    }

    long deadlineTenths() {
        return deadlineTenths;
    }

    /** Notes an observation of {@code observedNode} taken at {@code atTenths}: it reaches the wait if dated in time. */
    void observed(long atTenths, String observedNode, String observedState) {
        if (atTenths < deadlineTenths && node.equals(observedNode) && state.equals(observedState)) {
            reached = true;
        }
    }

    /** Notes the node's state now (when the wait began): it reaches the wait if it is the state waited for. */
    boolean observedNow(String nowState) {
        reached |= state.equals(nowState);
        return reached;
    }

    boolean reached() {
        return reached;
    }

    /**
     * Waits until the wait is reached, the observer has {@code closed}, or the deadline has passed and
     * {@code lateAnswers} says no observation dated before it may still come; between looks, {@code news} waits.
     *
     * @return whether the state was reached
     * @throws LabException if the thread is interrupted (its interrupt flag is set again)
     */
    boolean await(LateAnswers lateAnswers, BooleanSupplier closed, News news) {
        try {
            while (!reached && !closed.getAsBoolean()) {
                long elapsedTenths = recorder.elapsedTenths();
                if (elapsedTenths >= deadlineTenths && !lateAnswers.mayCome(deadlineTenths, recorder.elapsed())) {
                    break;
                }
                news.await(Duration.ofMillis((deadlineTenths - elapsedTenths) * 100));
            }
            return reached;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for " + node + " to be " + state, e);
        }
    }
}
