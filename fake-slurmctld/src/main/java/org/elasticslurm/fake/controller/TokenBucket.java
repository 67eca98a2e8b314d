package org.elasticslurm.fake.controller;

import java.util.function.LongSupplier;

/**
 * 24.11's rate limit ({@code power_save_rl_setup}, {@code _rl_get_tokens}, {@code _rl_spend_token}): a bucket of
 * {@code max(1, rate * max(power_save_interval, power_save_min_interval) / 60)} tokens, one node per token, refilled
 * by one token each time CLOCK_MONOTONIC's milliseconds cross a multiple of {@code 60000 / rate} (a grid fixed by
 * the machine's clock, not by the scans). {@code _rl_init} stores its start in milliseconds where later reads store
 * periods, so the first read after a (re)configuration sees a huge difference and fills the bucket: the first scan
 * may wake a full bucket, then one node per refill. With ResumeRate=2 and a 10 s interval the bucket holds one
 * token, refilled every 30 s: one node per ResumeProgram call (resume-rate.real-24.11.trace: node1 0.7 s, node2
 * 11.7 s, node3 44.7 s, node4 66.7 s).
 */
final class TokenBucket implements PowerRateLimit {

    private final int rate;
    private final long maxTokens;
    private final long periodMillis;
    private final LongSupplier monotonicMillis;
    private boolean read;
    private long lastPeriod;
    private long tokens;

    /**
     * @param ratePerMinute   ResumeRate or SuspendRate (0 = unlimited)
     * @param maxInterval     max(1, power_save_interval, power_save_min_interval) in seconds
     * @param monotonicMillis CLOCK_MONOTONIC in milliseconds
     */
    TokenBucket(int ratePerMinute, int maxInterval, LongSupplier monotonicMillis) {
        this.rate = ratePerMinute;
        this.maxTokens = (long) ratePerMinute * maxInterval < 60 ? 1 : (long) ratePerMinute * maxInterval / 60;
        this.periodMillis = ratePerMinute == 0 ? 1 : 60_000L / ratePerMinute;
        this.monotonicMillis = monotonicMillis;
    }

    @Override
    public void startScan(long deltaSeconds) {
        // the bucket does not look at the scans
    }

    @Override
    public boolean allows() {
        return rate == 0 || tokens() > 0;
    }

    @Override
    public void spend() {
        if (tokens > 0) {
            tokens--;
        }
    }

    /** {@code _rl_get_tokens}: the tokens after the refills since the previous read. */
    long tokens() {
        long period = Math.floorDiv(monotonicMillis.getAsLong(), periodMillis);
        if (!read) {
            tokens = maxTokens;
            read = true;
        } else if (period != lastPeriod) {
            tokens = Math.min(maxTokens, tokens + (period - lastPeriod));
        }
        lastPeriod = period;
        return tokens;
    }

    long maxTokens() {
        return maxTokens;
    }
}
