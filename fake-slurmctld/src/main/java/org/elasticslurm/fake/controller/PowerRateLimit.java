package org.elasticslurm.fake.controller;

import java.util.function.LongSupplier;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * A ResumeRate or SuspendRate limit of power_save.c: whether a scan may wake (or suspend) one more node. The
 * rule is the version's ({@link Rule}): 22.05's decaying counter ({@link RateCounter}), 24.11's token bucket
 * ({@link TokenBucket}).
 */
interface PowerRateLimit {

    /** A scan starts {@code deltaSeconds} after the previous one. */
    void startScan(long deltaSeconds);

    /** Whether one more node fits under the rate now (always with a rate of 0). */
    boolean allows();

    /** Counts one node woken or suspended. */
    void spend();

    /** CLOCK_MONOTONIC in milliseconds: {@code startMillis} now, then advancing with {@code scheduler}'s clock. */
    static LongSupplier monotonicClock(Scheduler scheduler, long startMillis) {
        long origin = scheduler.nowMillis();
        return () -> startMillis + scheduler.nowMillis() - origin;
    }

    /** How a version limits the rate. */
    enum Rule {
        /** 22.05: {@code resume_cnt_f}/{@code suspend_cnt_f}, decayed at each scan. */
        DECAYING_COUNTER,
        /** 24.11 and later: {@code _rl_get_tokens}/{@code _rl_spend_token} on CLOCK_MONOTONIC. */
        TOKEN_BUCKET;

        /**
         * The limit for {@code ratePerMinute} (0 = unlimited) under {@code config}'s power_save_interval and
         * power_save_min_interval; {@code monotonicMillis} reads CLOCK_MONOTONIC (the bucket's refill grid).
         */
        PowerRateLimit create(int ratePerMinute, PowerSaveConfig config, LongSupplier monotonicMillis) {
            return switch (this) {
                case DECAYING_COUNTER -> new RateCounter(ratePerMinute);
                case TOKEN_BUCKET -> new TokenBucket(ratePerMinute,
                        Math.max(1, Math.max(config.interval(), config.minInterval())), monotonicMillis);
            };
        }
    }
}
