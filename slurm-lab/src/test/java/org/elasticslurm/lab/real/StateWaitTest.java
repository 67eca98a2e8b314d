package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.trace.LabText;
import org.elasticslurm.lab.trace.TraceRecorder;
import org.elasticslurm.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule of a wait for a node's state, on a clock the test moves: each look for news passes 100 ms and brings the
 * observations that have arrived by then.
 */
class StateWaitTest {

    private static final Duration LOOK = Duration.ofMillis(100);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private TraceRecorder recorder;
    private StateWait wait;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<Duration> toldUntilDeadline = new ArrayList<>();

    /** An observation of node1 dated {@code datedTenths} that the observer learns of {@code arrivesMillis} in. */
    private record Arrival(long arrivesMillis, long datedTenths, String node, String state) {
    }

    @BeforeEach
    void startTheRecorder() {
        recorder = new TraceRecorder(dir.resolve("trace"), dir.resolve("start"), clock, new LabText(dir, "host"));
        recorder.start();
        wait = StateWait.of(recorder, "node1", "IDLE+CLOUD", Duration.ofSeconds(1));
    }

    /** One look: 100 ms pass, and what has arrived by then is observed. */
    private void look(Duration untilDeadline) {
        toldUntilDeadline.add(untilDeadline);
        clock.advance(LOOK);
        arrivals.removeIf(a -> {
            if (a.arrivesMillis() <= recorder.elapsed().toMillis()) {
                wait.observed(a.datedTenths(), a.node(), a.state());
                return true;
            }
            return false;
        });
    }

    private boolean await(StateWait.LateAnswers lateAnswers) {
        return wait.await(lateAnswers, () -> false, this::look);
    }

    @Test
    void aWaitWithoutLateAnswersEndsNotReachedWhenItsDeadlinePasses() {
        assertThat(await(StateWait.LateAnswers.NONE)).isFalse();

        assertThat(recorder.elapsed()).isEqualTo(Duration.ofSeconds(1));
        assertThat(toldUntilDeadline).hasSize(10).first().isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anObservationDatedBeforeTheDeadlineCountsThoughItArrivesAfterIt() {
        arrivals.add(new Arrival(1500, 9, "node1", "IDLE+CLOUD"));

        assertThat(await(StateWait.LateAnswers.within(Duration.ofSeconds(1)))).isTrue();

        assertThat(recorder.elapsed()).isEqualTo(Duration.ofMillis(1500));
        assertThat(toldUntilDeadline).last().isEqualTo(Duration.ofMillis(-400));
    }

    @Test
    void aLateObservationIsNotWaitedForWhenTheRuleAllowsNoLateAnswers() {
        arrivals.add(new Arrival(1100, 9, "node1", "IDLE+CLOUD"));

        assertThat(await(StateWait.LateAnswers.NONE)).isFalse();

        assertThat(recorder.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aLateObservationArrivingAfterTheGraceIsNotWaitedFor() {
        arrivals.add(new Arrival(2500, 9, "node1", "IDLE+CLOUD"));

        assertThat(await(StateWait.LateAnswers.within(Duration.ofSeconds(1)))).isFalse();

        assertThat(recorder.elapsed()).as("the deadline plus the 1 s grace").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anObservationDatedAtTheDeadlineDoesNotCount() {
        arrivals.add(new Arrival(1200, 10, "node1", "IDLE+CLOUD"));

        assertThat(await(StateWait.LateAnswers.within(Duration.ofSeconds(1)))).isFalse();

        assertThat(arrivals).as("the observation arrived").isEmpty();
    }

    @Test
    void anObservationOfAnotherNodeOrStateDoesNotReachTheWait() {
        arrivals.add(new Arrival(200, 1, "node2", "IDLE+CLOUD"));
        arrivals.add(new Arrival(300, 2, "node1", "IDLE+CLOUD+POWERED_DOWN"));

        assertThat(await(StateWait.LateAnswers.NONE)).isFalse();

        assertThat(arrivals).as("both observations arrived").isEmpty();
    }

    @Test
    void aWaitGoesOnPastItsDeadlineWhileTheRuleSaysALateAnswerMayCome() {
        List<Duration> askedAt = new ArrayList<>();
        StateWait.LateAnswers twoMoreLooks = (deadlineTenths, elapsed) -> {
            askedAt.add(elapsed);
            assertThat(deadlineTenths).isEqualTo(10);
            return askedAt.size() <= 2;
        };

        assertThat(await(twoMoreLooks)).isFalse();

        assertThat(askedAt).containsExactly(Duration.ofMillis(1000), Duration.ofMillis(1100), Duration.ofMillis(1200));
        assertThat(recorder.elapsed()).isEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void theGraceRuleLetsALateAnswerComeUntilTheGraceHasPassed() {
        StateWait.LateAnswers grace = StateWait.LateAnswers.within(Duration.ofSeconds(1));

        assertThat(grace.mayCome(10, Duration.ofMillis(1999))).isTrue();
        assertThat(grace.mayCome(10, Duration.ofMillis(2000))).isFalse();
    }

    @Test
    void theStateNowReachesTheWaitWithoutLooking() {
        assertThat(wait.observedNow("IDLE+CLOUD")).isTrue();

        assertThat(await(StateWait.LateAnswers.NONE)).isTrue();
        assertThat(toldUntilDeadline).isEmpty();
    }

    @Test
    void anotherStateNowDoesNotReachTheWait() {
        assertThat(wait.observedNow("IDLE+CLOUD+POWERED_DOWN")).isFalse();
        assertThat(wait.observedNow(null)).isFalse();
    }

    @Test
    void aWaitEndsNotReachedWhenTheObserverCloses() {
        assertThat(wait.await(StateWait.LateAnswers.NONE, () -> true, this::look)).isFalse();

        assertThat(toldUntilDeadline).isEmpty();
    }

    @Test
    void anInterruptedWaitFailsNamingNodeAndStateAndKeepsTheInterrupt() {
        try {
            assertThatThrownBy(() -> wait.await(StateWait.LateAnswers.NONE, () -> false, untilDeadline -> {
                throw new InterruptedException();
            })).isInstanceOf(LabException.class)
                    .hasMessage("interrupted while waiting for node1 to be IDLE+CLOUD");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
