package org.elasticslurm.testsupport.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.elasticslurm.testsupport.cpu.MachineSlotsAcrossJvmsTest.acquireAsync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.elasticslurm.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test's holding given back before the test ends, in part or in full, and what the slot log says of it. */
class HeldSlotsTest {

    private static final Duration STILL_WAITING = Duration.ofMillis(500);
    private static final Duration SOON = Duration.ofSeconds(10);
    private static final Instant ASKED = Instant.parse("2026-12-07T14:00:00Z");
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(ASKED);

    private MachineSlots slots() {
        return MachineSlots.open(new SlotSettings(2, tmp.resolve("slots")));
    }

    private Path logFile() {
        return tmp.resolve("cpu-slots.log");
    }

    /** The holding of a test that asked at {@link #ASKED} and got its slots 3 s later. */
    private HeldSlots holding(MachineSlots slots, int cost) throws InterruptedException {
        HeldSlots held = new HeldSlots(slots.acquire(cost), new SlotUsageLog(Optional.of(logFile())), clock, ASKED,
                ASKED.plusSeconds(3), "a.B#c");
        clock.set(ASKED.plusSeconds(3));
        return held;
    }

    @Test
    void aSecondHolderProceedsOnceTheFirstLoweredItsHoldingBeforeItEnds() throws Exception {
        MachineSlots slots = slots();
        HeldSlots first = holding(slots, 2);
        CompletableFuture<MachineSlots.Held> second = acquireAsync(slots, 1);
        await("the second holder waits while the first holds both slots")
                .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !second.isDone());

        first.lowerTo(1);

        await("the second holder gets the slot given back").atMost(SOON).until(second::isDone);
        assertThat(first.count()).isEqualTo(1);
        first.end();
        second.get().close();
    }

    @Test
    void eachCountHeldIsOneLineOfTheLogAndTheLoweringsAreNamed() throws Exception {
        HeldSlots held = holding(slots(), 2);
        clock.advance(Duration.ofSeconds(40));
        held.lowerTo(1);
        clock.advance(Duration.ofSeconds(5));
        held.lowerTo(1);
        held.lowerTo(2);
        clock.advance(Duration.ofSeconds(20));
        held.end();

        assertThat(Files.readAllLines(logFile())).containsExactly(
                "2026-12-07T14:00:00Z waited=3.0s held=40.0s slots=2 pid=" + PID + " a.B#c lowered to 1",
                "2026-12-07T14:00:43Z waited=0.0s held=25.0s slots=1 pid=" + PID + " a.B#c");
    }

    @Test
    void aHoldingGivenBackInFullFromAnotherThreadLogsNothingMoreAtItsEnd() throws Exception {
        HeldSlots held = holding(slots(), 2);
        clock.advance(Duration.ofSeconds(60));
        CountDownLatch released = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            held.release();
            released.countDown();
        }, "release");
        other.start();
        released.await();
        clock.advance(Duration.ofSeconds(100));
        held.end();
        held.release();

        assertThat(held.count()).isZero();
        assertThat(Files.readAllLines(logFile())).containsExactly(
                "2026-12-07T14:00:00Z waited=3.0s held=60.0s slots=2 pid=" + PID + " a.B#c lowered to 0");
    }

    @Test
    void theEndOfTheTestGivesBackNoSlotItGaveBackBeforeAndALoweringAfterItsEndDoesNothing() throws Exception {
        MachineSlots slots = slots();
        HeldSlots held = holding(slots, 2);
        held.lowerTo(1);
        MachineSlots.Held other = slots.acquire(1);
        held.end();
        held.lowerTo(0);
        MachineSlots.Held again = slots.acquire(1);

        CompletableFuture<MachineSlots.Held> third = acquireAsync(slots, 1);
        await("both slots stay with the two holders that took them after the test gave them back")
                .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !third.isDone());
        other.close();
        await("the third holder gets the slot given back").atMost(SOON).until(third::isDone);
        again.close();
        third.get().close();
        assertThat(Files.readAllLines(logFile())).hasSize(2);
    }

    @Test
    void aHoldingCannotBeLoweredBelowNothing() throws Exception {
        HeldSlots held = holding(slots(), 1);
        assertThatThrownBy(() -> held.lowerTo(-1))
                .hasMessage("a test can lower its CPU slots to 0 or more, not -1");
        assertThat(held.count()).isEqualTo(1);
        held.end();
    }

    @Test
    void aTestTakingNoSlotHasNothingToGiveBack() {
        HeldSlots none = CpuSlots.held();
        none.lowerTo(0);
        none.release();
        assertThat(none.count()).isZero();
    }
}
