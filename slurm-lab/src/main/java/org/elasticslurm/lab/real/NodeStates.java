package org.elasticslurm.lab.real;

import java.time.Duration;
import java.util.Optional;

/**
 * How a lab learns its nodes' states and records them ({@code state NODE STATE} trace lines): by sampling
 * {@code scontrol show node} ({@link NodeStateSampler}) or by reading the controller's node-state feed
 * ({@link NodeStateFeedReader}).
 */
interface NodeStates extends AutoCloseable {

    /** Starts observing (the recorder has started). */
    void start();

    /** The last state recorded for a node, if any. */
    Optional<String> current(String node);

    /**
     * Waits until {@code node} is in {@code state}: true if it is now, or it was at some time within {@code timeout}
     * from now (a state is judged at the time it held, not when this side learnt of it).
     */
    boolean awaitState(String node, String state, Duration timeout);

    /** Records what has happened up to now (a last sample, or the rest of the feed). */
    void catchUp();

    /** Stops observing. */
    @Override
    void close();
}
