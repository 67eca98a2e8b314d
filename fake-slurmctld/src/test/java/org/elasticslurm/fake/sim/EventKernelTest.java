package org.elasticslurm.fake.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventKernelTest {

    private static final Instant START = Instant.parse("2026-11-28T15:40:00Z");

    @Test
    void runsEventsInOrderOfTimeThenPriorityThenSequence() {
        EventKernel kernel = new EventKernel(START, 1);
        List<String> order = new ArrayList<>();
        long t = START.toEpochMilli();
        kernel.schedule(t + 20, 0, () -> order.add("late"));
        kernel.schedule(t + 10, 5, () -> order.add("low-priority"));
        kernel.schedule(t + 10, 1, () -> order.add("first-of-two"));
        kernel.schedule(t + 10, 1, () -> order.add("second-of-two"));

        kernel.runUntil(START.plusSeconds(1));

        assertThat(order).containsExactly("first-of-two", "second-of-two", "low-priority", "late");
        assertThat(kernel.now()).isEqualTo(START.plusSeconds(1));
    }

    @Test
    void refusesToScheduleInThePast() {
        EventKernel kernel = new EventKernel(START, 1);
        kernel.advance(Duration.ofSeconds(5));

        assertThatThrownBy(() -> kernel.schedule(START, 0, () -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in the past");
    }

    @Test
    void cancelledEventsNeverRun() {
        EventKernel kernel = new EventKernel(START, 1);
        List<String> order = new ArrayList<>();
        EventHandle handle = kernel.scheduleAfter(Duration.ofSeconds(1), 0, () -> order.add("cancelled"));
        kernel.scheduleAfter(Duration.ofSeconds(2), 0, () -> order.add("kept"));

        handle.cancel();
        kernel.advance(Duration.ofSeconds(3));

        assertThat(order).containsExactly("kept");
        assertThat(handle.isPending()).isFalse();
    }

    @Test
    void clockStandsAtEachEventWhileItRuns() {
        EventKernel kernel = new EventKernel(START, 1);
        List<Instant> seen = new ArrayList<>();
        kernel.scheduleAfter(Duration.ofMillis(1500), 0, () -> seen.add(kernel.now()));

        kernel.advance(Duration.ofSeconds(10));

        assertThat(seen).containsExactly(START.plusMillis(1500));
    }

    @Test
    void eventsMayScheduleMoreEventsAtTheSameTime() {
        EventKernel kernel = new EventKernel(START, 1);
        List<String> order = new ArrayList<>();
        kernel.scheduleAfter(Duration.ofSeconds(1), 0, () -> {
            order.add("a");
            kernel.execute(() -> order.add("posted"));
            kernel.schedule(kernel.nowMillis(), 0, () -> order.add("same-ms"));
        });

        kernel.advance(Duration.ofSeconds(1));

        assertThat(order).containsExactly("a", "same-ms", "posted");
    }

    @Test
    void sameSeedGivesSameRandomSequence() {
        EventKernel a = new EventKernel(START, 42);
        EventKernel b = new EventKernel(START, 42);

        assertThat(a.random().nextLong()).isEqualTo(b.random().nextLong());
    }

    @Test
    void runWhileStopsWhenConditionTurnsFalse() {
        EventKernel kernel = new EventKernel(START, 1);
        List<Integer> ticks = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int n = i;
            kernel.scheduleAfter(Duration.ofSeconds(i), 0, () -> ticks.add(n));
        }

        boolean reached = kernel.runWhile(() -> ticks.size() < 3, START.plusSeconds(100));

        assertThat(reached).isTrue();
        assertThat(kernel.now()).isEqualTo(START.plusSeconds(3));
    }
}
