package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The permits of calls given up, and what a caller learns of a call it gave up. */
class CallTimeLimitTest {
    private static final Duration LIMIT = Duration.ofMillis(200);

    /** One thread, kept busy until {@link #busy} is counted down: a call submitted meanwhile has not begun. */
    private final ExecutorService oneThread = Executors.newSingleThreadExecutor();
    private final CountDownLatch busy = new CountDownLatch(1);
    private final AtomicInteger bodiesRun = new AtomicInteger();
    /** Lets a call that runs until answered end. */
    private final CountDownLatch answer = new CountDownLatch(1);

    @AfterEach
    void stop() {
        busy.countDown();
        answer.countDown();
        oneThread.shutdownNow();
    }

    private CallTimeLimit limitOnABusyThread(Duration limit) {
        oneThread.submit(() -> {
            busy.await();
            return null;
        });
        return new CallTimeLimit("test:///x", limit, 1, oneThread);
    }

    /** Calls "define x", whose body runs until {@link #answer} is counted down: the caller gives it up. */
    private AbandonedCall giveUpACallThatRunsUntilAnswered(CallTimeLimit limit) {
        return catchThrowableOfType(() -> limit.call("define x", () -> {
            Uninterruptibly.await(answer);
            return body();
        }), AbandonedCall.class);
    }

    private String body() {
        bodiesRun.incrementAndGet();
        return "made";
    }

    @Test
    void aCallWhoseCallerIsInterruptedBeforeItBeginsGivesBackItsPermitAndNeverRuns() {
        CallTimeLimit limit = limitOnABusyThread(Duration.ofSeconds(30));
        Thread.currentThread().interrupt();

        AbandonedCall given = catchThrowableOfType(() -> limit.call("define x", this::body), AbandonedCall.class);

        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        assertThat(given).hasMessageContaining("define x: interrupted while waiting for the host");
        assertThat(given.isTransient()).isTrue();
        assertThat(limit.withoutAnswer()).isZero();
        busy.countDown();
        assertThat(limit.call("define y", this::body)).as("the one permit is free again").isEqualTo("made");
        assertThat(bodiesRun).as("only define y ran").hasValue(1);
    }

    @Test
    void aCallThatTimesOutBeforeItBeginsGivesBackItsPermitAndNeverRuns() {
        CallTimeLimit limit = limitOnABusyThread(LIMIT);

        AbandonedCall given = catchThrowableOfType(() -> limit.call("define x", this::body), AbandonedCall.class);

        assertThat(given).hasMessageContaining("define x: no answer within PT0.2S");
        assertThat(limit.withoutAnswer()).isZero();
        assertThat(given.awaitEnd()).as("a call that never began has ended").isTrue();
        busy.countDown();
        assertThat(limit.call("define y", this::body)).isEqualTo("made");
        assertThat(bodiesRun).hasValue(1);
    }

    @Test
    void aCallGivenUpWhileItRunsKeepsItsPermitUntilItEndsAndReleasesItOnce() {
        CallTimeLimit limit = new CallTimeLimit("test:///x", LIMIT, 2, oneThread);

        AbandonedCall given = giveUpACallThatRunsUntilAnswered(limit);

        assertThat(limit.withoutAnswer()).isEqualTo(1);
        answer.countDown();
        assertThat(given.awaitEnd()).as("the late call's end is seen").isTrue();
        assertThat(limit.withoutAnswer()).as("its permit was released (before its end was signalled)").isZero();
        assertThat(bodiesRun).hasValue(1);
        assertThat(limit.call("define y", this::body)).isEqualTo("made");
        assertThat(limit.withoutAnswer()).isZero();
    }

    @Test
    void aCallerWaitsForTheEndOfAnAbandonedCallAtMostTheCallTimeout() {
        CallTimeLimit limit = new CallTimeLimit("test:///x", LIMIT, 2, oneThread);
        AbandonedCall given = giveUpACallThatRunsUntilAnswered(limit);

        long start = System.nanoTime();
        boolean ended = given.awaitEnd();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(ended).isFalse();
        assertThat(waited).isGreaterThanOrEqualTo(LIMIT).isLessThan(LIMIT.multipliedBy(10));
        answer.countDown();
    }
}
