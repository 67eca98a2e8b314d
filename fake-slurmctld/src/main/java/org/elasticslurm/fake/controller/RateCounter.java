package org.elasticslurm.fake.controller;

/**
 * The 22.05 decaying rate counter of power_save.c ({@code suspend_cnt_f}/{@code resume_cnt_f}): at each scan the
 * count decays by (60 - seconds since the previous scan) / 60, and resets after a minute; an action is allowed
 * while the rounded count stays below the rate. Kept in {@code float}, as in Slurm.
 */
final class RateCounter implements PowerRateLimit {
    private final int rate;
    private float value;
    private int rounded;

    /** A counter for {@code rate} actions per minute (0 = unlimited). */
    RateCounter(int rate) {
        this.rate = rate;
    }

    @Override
    public void startScan(long deltaSeconds) {
        decay(deltaSeconds);
    }

    @Override
    public boolean allows() {
        return allows(rate);
    }

    @Override
    public void spend() {
        increment();
    }

    /** Decays the counter for a scan {@code deltaSeconds} after the previous one. */
    void decay(long deltaSeconds) {
        if (deltaSeconds >= 60) {
            value = 0.0f;
        } else {
            float rate = (float) ((60 - deltaSeconds) / 60.0);
            value *= rate;
        }
        rounded = (int) (value + 0.5);
    }

    /** Whether one more action fits under {@code rate} per minute (0 = unlimited). */
    boolean allows(int rate) {
        return rate == 0 || rounded < rate;
    }

    /** Counts one action. */
    void increment() {
        rounded++;
        value++;
    }

    /** The rounded count (suspend_cnt/resume_cnt). */
    int count() {
        return rounded;
    }

    /** The decaying value (suspend_cnt_f/resume_cnt_f). */
    float value() {
        return value;
    }
}
