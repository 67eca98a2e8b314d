package org.elasticslurm.fake.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RealTimeDriverTest {

    @Test
    void runsScheduledEventsOnTheWallClockInTheDriverThread() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (RealTimeDriver driver = new RealTimeDriver(Clock.systemUTC(), 1, "driver-test", failure::set)) {
            long start = driver.nowMillis();
            driver.schedule(start + 200, 0, () -> threads.add(Thread.currentThread().getName()));
            driver.start();

            await("event due after 200 ms ran").atMost(Duration.ofSeconds(5)).until(() -> threads.size() == 1);

            assertThat(threads).containsExactly("driver-test");
            assertThat(failure.get()).isNull();
        }
    }

    @Test
    void callRunsOnTheDriverThreadAndReturnsTheResult() throws Exception {
        try (RealTimeDriver driver = new RealTimeDriver(Clock.systemUTC(), 1, "driver-call", e -> { })) {
            driver.start();

            String name = driver.call(() -> Thread.currentThread().getName()).get();

            assertThat(name).isEqualTo("driver-call");
        }
    }

    @Test
    void eventsPostedFromOtherThreadsCanScheduleFollowUps() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (RealTimeDriver driver = new RealTimeDriver(Clock.systemUTC(), 1, "driver-chain", e -> { })) {
            driver.start();
            driver.execute(() -> driver.scheduleAfter(Duration.ofMillis(100), 0, () -> seen.add("follow-up")));

            await("follow-up event ran").atMost(Duration.ofSeconds(5)).until(() -> seen.contains("follow-up"));
        }
    }

    @Test
    void schedulingFromAForeignThreadAfterStartIsRefused() throws Exception {
        try (RealTimeDriver driver = new RealTimeDriver(Clock.systemUTC(), 1, "driver-confined", e -> { })) {
            driver.start();

            assertThatThrownBy(() -> driver.scheduleAfter(Duration.ofSeconds(1), 0, () -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only the driver thread");
        }
    }

    @Test
    void anExceptionInAnEventReachesTheFailureHandler() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (RealTimeDriver driver = new RealTimeDriver(Clock.systemUTC(), 1, "driver-failing", failure::set)) {
            driver.start();
            driver.execute(() -> {
                throw new IllegalStateException("boom");
            });

            await("failure reported").atMost(Duration.ofSeconds(5)).until(() -> failure.get() != null);
            assertThat(failure.get()).hasMessage("boom");
        }
    }
}
