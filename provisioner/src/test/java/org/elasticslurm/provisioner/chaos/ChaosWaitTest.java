package org.elasticslurm.provisioner.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ChaosWaitTest {
    private static final Predicate<String[]> READY_OR_FAILED = n -> n[0].equals("READY") || n[0].equals("FAILED");
    private static final Predicate<String[]> WITH_REASON = n -> n[0].equals("READY")
            || (n[0].equals("FAILED") && !n[1].isEmpty());

    private final List<String> notes = new ArrayList<>();
    private final Set<String> stuck = new TreeSet<>();

    private static Map<String, String[]> view(String... nameAndPhase) {
        Map<String, String[]> v = new LinkedHashMap<>();
        for (int i = 0; i < nameAndPhase.length; i += 2) {
            v.put(nameAndPhase[i], new String[] {nameAndPhase[i + 1], nameAndPhase[i + 1].equals("FAILED") ? "x" : ""});
        }
        return v;
    }

    private ChaosWait waitOn(Map<String, String[]> view) {
        return new ChaosWait(() -> view, List.copyOf(view.keySet()), notes, stuck, Duration.ofSeconds(1));
    }

    @Test
    void aWaitEndsLongBeforeItsDeadlineWhenTheServiceIsIdleAndNamesTheNodesByPhase() throws Exception {
        Instant started = Instant.now();

        waitOn(view("ch1", "READY", "ch2", "POWERED_DOWN", "ch3", "FAILED", "ch4", "POWERED_DOWN"))
                .settle("every node READY or FAILED", started.plus(Duration.ofMinutes(10)), READY_OR_FAILED,
                        WITH_REASON);

        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMinutes(1));
        assertThat(notes).anySatisfy(n -> assertThat(n).startsWith(
                "wait 'every node READY or FAILED' ended early: the service is idle"));
        assertThat(notes).contains("not every node READY or FAILED, by phase: {POWERED_DOWN=[ch2, ch4]}");
        assertThat(stuck).containsExactly("ch2", "ch4");
    }

    @Test
    void aNodeWithAnOperationInFlightIsNoIdleServiceSoTheWaitRunsToItsDeadline() throws Exception {
        waitOn(view("ch1", "READY", "ch2", "DESTROYING"))
                .settle("every node READY or FAILED", Instant.now().plus(Duration.ofSeconds(3)), READY_OR_FAILED,
                        WITH_REASON);

        assertThat(notes).contains("wait 'every node READY or FAILED' ran out of time")
                .noneSatisfy(n -> assertThat(n).contains("idle"));
        assertThat(stuck).containsExactly("ch2");
    }

    @Test
    void nodesInThePromisedPhasesEndTheWaitWithNothingStuck() throws Exception {
        waitOn(view("ch1", "READY", "ch2", "FAILED"))
                .settle("every node READY or FAILED", Instant.now().plus(Duration.ofMinutes(1)), READY_OR_FAILED,
                        WITH_REASON);

        assertThat(stuck).isEmpty();
        assertThat(notes).containsExactly("after 'every node READY or FAILED': {FAILED=1, READY=1}");
    }
}
