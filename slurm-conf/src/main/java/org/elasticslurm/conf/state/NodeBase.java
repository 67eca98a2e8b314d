package org.elasticslurm.conf.state;

/** Slurm's base node states, with their values in the low four bits of 22.05's state word ({@code slurm.h}). */
public enum NodeBase {
    UNKNOWN, DOWN, IDLE, ALLOCATED, ERROR, MIXED, FUTURE;

    /** The base's value in the state word. */
    public int value() {
        return ordinal();
    }

    /** The base with this value; a value above FUTURE is not a base state of 22.05. */
    public static NodeBase ofValue(int value) {
        if (value < 0 || value >= values().length) {
            throw new IllegalArgumentException("node state word with base " + value
                    + ", which is no base state of Slurm 22.05 (0 UNKNOWN to 6 FUTURE)");
        }
        return values()[value];
    }
}
