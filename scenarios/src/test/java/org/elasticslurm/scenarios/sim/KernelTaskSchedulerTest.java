package org.elasticslurm.scenarios.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.elasticslurm.fake.api.VirtualClock;
import org.elasticslurm.provisioner.operation.TaskScheduler;
import org.junit.jupiter.api.Test;

/** The provisioner engine's workers and clock on the event kernel. */
class KernelTaskSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private final VirtualClock kernel = new VirtualClock(T0, 1);
    private final KernelClock clock = new KernelClock(kernel);
    private final KernelTaskScheduler scheduler = new KernelTaskScheduler(kernel);
    private final List<String> ran = new ArrayList<>();

    @Test
    void tasksRunAtTheirVirtualTimeInOrderOfSubmission() {
        scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("later at " + clock.instant()));
        scheduler.execute(() -> ran.add("first at " + clock.instant()));
        scheduler.execute(() -> ran.add("second at " + clock.instant()));

        assertThat(ran).isEmpty();
        kernel.runUntil(T0.plusSeconds(5));

        assertThat(ran).containsExactly("first at " + T0, "second at " + T0, "later at " + T0.plusSeconds(2));
    }

    @Test
    void aCancelledTaskNeverRuns() {
        TaskScheduler.Cancellable timer = scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("timer"));

        timer.cancel();
        kernel.runUntil(T0.plusSeconds(5));

        assertThat(ran).isEmpty();
    }
}
