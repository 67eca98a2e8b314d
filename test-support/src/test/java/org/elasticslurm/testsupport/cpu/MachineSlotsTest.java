package org.elasticslurm.testsupport.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.elasticslurm.testsupport.cpu.MachineSlotsAcrossJvmsTest.acquireAsync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slots of one JVM: several threads. */
class MachineSlotsTest {

    private static final Duration STILL_WAITING = Duration.ofMillis(500);
    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    @Test
    void aCostLargerThanTheSlotsTakesAllOfThemAndExcludesEveryone() throws Exception {
        MachineSlots slots = MachineSlots.open(new SlotSettings(2, tmp.resolve("slots")));
        MachineSlots.Held all = slots.acquire(5);
        assertThat(all.count()).isEqualTo(2);

        CompletableFuture<MachineSlots.Held> one = acquireAsync(slots, 1);
        await("a 1-slot request waits while every slot is held")
                .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !one.isDone());
        all.close();
        await("the 1-slot request gets a slot given back").atMost(SOON).until(one::isDone);
        one.get().close();
    }

    @Test
    void anAllSlotsRequestIsNotOvertakenByLaterOneSlotRequests() throws Exception {
        MachineSlots slots = MachineSlots.open(new SlotSettings(2, tmp.resolve("slots")));
        MachineSlots.Held first = slots.acquire(1);
        AtomicReference<MachineSlots.Held> all = new AtomicReference<>();
        Thread allRequest = new Thread(() -> {
            try {
                all.set(slots.acquire(Integer.MAX_VALUE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "all-slots");
        allRequest.start();
        await("the all-slots request waits for the held slot").atMost(SOON)
                .until(() -> allRequest.getState() == Thread.State.TIMED_WAITING);

        CompletableFuture<MachineSlots.Held> later = acquireAsync(slots, 1);
        await("a later 1-slot request waits although one slot is free")
                .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !later.isDone());

        first.close();
        await("the all-slots request gets both slots").atMost(SOON).until(() -> all.get() != null);
        assertThat(all.get().count()).isEqualTo(2);
        assertThat(later).isNotDone();
        all.get().close();
        await("the later request runs after it").atMost(SOON).until(later::isDone);
        later.get().close();
    }

    @Test
    void slotsGivenBackCanBeTakenAgainAndClosingTwiceGivesBackOnce() throws Exception {
        MachineSlots slots = MachineSlots.open(new SlotSettings(1, tmp.resolve("slots")));
        MachineSlots.Held held = slots.acquire(1);
        held.close();
        MachineSlots.Held again = slots.acquire(1);
        held.close();

        CompletableFuture<MachineSlots.Held> other = acquireAsync(slots, 1);
        await("a second close does not free the slot held again")
                .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !other.isDone());
        again.close();
        await("the slot is free once given back").atMost(SOON).until(other::isDone);
        other.get().close();
    }

    @Test
    void aHoldingLoweredGivesBackTheSlotsAboveTheCountAndItsCloseOnlyTheRest() throws Exception {
        MachineSlots slots = MachineSlots.open(new SlotSettings(2, tmp.resolve("slots")));
        MachineSlots.Held both = slots.acquire(2);
        CompletableFuture<MachineSlots.Held> second = acquireAsync(slots, 1);
        await("a 1-slot request waits while both slots are held")
                .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !second.isDone());

        assertThat(both.lowerTo(1)).as("slots given back").isEqualTo(1);
        await("the request gets the slot given back").atMost(SOON).until(second::isDone);
        assertThat(both.count()).isEqualTo(1);
        assertThat(both.lowerTo(1)).as("lowering to the count held again").isZero();
        assertThat(both.lowerTo(2)).as("a higher count").isZero();

        CompletableFuture<MachineSlots.Held> third = acquireAsync(slots, 1);
        both.close();
        await("the slot still held is given back at the close").atMost(SOON).until(third::isDone);
        CompletableFuture<MachineSlots.Held> fourth = acquireAsync(slots, 1);
        both.close();
        both.lowerTo(0);
        await("the close gave back none of the slots the two others hold now")
                .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !fourth.isDone());
        second.get().close();
        await("the fourth request gets the slot the second one gives back").atMost(SOON).until(fourth::isDone);
        third.get().close();
        fourth.get().close();
    }

    @Test
    void aHoldingCannotBeLoweredBelowNothing() throws Exception {
        MachineSlots.Held one = MachineSlots.open(new SlotSettings(2, tmp.resolve("slots"))).acquire(1);
        assertThatThrownBy(() -> one.lowerTo(-1))
                .hasMessage("a holding of CPU slots can be lowered to 0 or more, not -1");
        assertThat(one.count()).isEqualTo(1);
        one.close();
    }

    @Test
    void anInterruptedWaiterHoldsNothing() throws Exception {
        MachineSlots slots = MachineSlots.open(new SlotSettings(2, tmp.resolve("slots")));
        MachineSlots.Held one = slots.acquire(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                slots.acquire(2);
                outcome.set(new AssertionError("acquired"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "waiter");
        waiter.start();
        await("the waiter waits").atMost(SOON).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        waiter.interrupt();
        await("the waiter gives up").atMost(SOON).until(() -> outcome.get() != null);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);

        assertThat(slots.acquire(1).count()).as("the slot the waiter had taken is free again").isEqualTo(1);
        one.close();
    }

    @Test
    void theDirectoryAndItsFilesAreUsableByEveryUser() throws Exception {
        Path dir = tmp.resolve("slots");
        MachineSlots.open(new SlotSettings(2, dir));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxrwxrwx");
        for (String file : new String[] {"gate.lock", "slot-0.lock", "slot-1.lock"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
                    .as(file).isEqualTo("rw-rw-rw-");
        }
    }

    @Test
    void aCostBelowOneIsRefused() {
        MachineSlots slots = MachineSlots.open(new SlotSettings(2, tmp.resolve("slots")));
        assertThatThrownBy(() -> slots.acquire(0)).hasMessage("a CPU slot request needs a cost >= 1, not 0");
    }
}
