package org.elasticslurm.fake.controller;

/** Priorities of the controller's events at the same millisecond (lower first), for deterministic runs. */
final class EventOrder {
    /** Messages from nodes and clients (registrations, completions, commands). */
    static final int MESSAGE = 10;
    /** The power-save thread's one-second loop. */
    static final int POWER_TICK = 30;
    /** The background thread's one-second loop (pings, job checks, scheduling). */
    static final int BACKGROUND_TICK = 40;

    private EventOrder() {
    }
}
