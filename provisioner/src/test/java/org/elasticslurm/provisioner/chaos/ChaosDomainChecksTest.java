package org.elasticslurm.provisioner.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChaosDomainChecksTest {
    private final List<String> notes = new ArrayList<>();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void everyFailedPollOfTheObserverIsFollowedByThePollPause() {
        AtomicInteger polls = new AtomicInteger();
        List<Duration> pauses = new ArrayList<>();
        ChaosDomainChecks checks = new ChaosDomainChecks(() -> {
            if (polls.incrementAndGet() >= 50) {
                Thread.currentThread().interrupt(); // ends a watch that never pauses
            }
            throw new IllegalStateException("internal error: client socket is closed");
        }, "chaos1", notes, length -> {
            pauses.add(length);
            if (pauses.size() == 3) {
                throw new InterruptedException("the run is over");
            }
        });

        checks.watch();

        assertThat(pauses).as("a pause after each failed poll").containsExactly(ChaosDomainChecks.POLL,
                ChaosDomainChecks.POLL, ChaosDomainChecks.POLL);
        assertThat(polls).as("no poll without a pause before the next").hasValue(3);
        assertThat(checks.duplicates()).isZero();
    }
}
