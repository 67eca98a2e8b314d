package org.elasticslurm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theClockStandsStillUntilTheTestMovesOrSetsIt() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());

        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:01:30Z"));

        clock.set(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void concurrentAdvancesAllAddUp() throws Exception {
        MutableClock clock = new MutableClock(START);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> moves = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                moves.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        clock.advance(Duration.ofMillis(1));
                    }
                }));
            }
            for (Future<?> move : moves) {
                move.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(clock.instant()).isEqualTo(START.plusMillis(40_000));
    }
}
