package org.elasticslurm.testsupport.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs sharing one slot directory: this one and a {@link SlotHolderMain} process. */
class MachineSlotsAcrossJvmsTest {

    private static final Duration JVM_START = Duration.ofSeconds(60);
    private static final Duration STILL_WAITING = Duration.ofMillis(700);

    @TempDir
    Path dir;

    private OtherJvm other;

    @AfterEach
    void endTheOtherJvm() throws InterruptedException {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void twoJvmsTogetherHoldNoMoreThanTheSlots() throws Exception {
        MachineSlots here = MachineSlots.open(new SlotSettings(2, dir));
        startOther(1);
        await("the other JVM holds one slot").atMost(JVM_START).until(() -> other.said("held 1"));

        try (MachineSlots.Held first = here.acquire(1)) {
            CompletableFuture<MachineSlots.Held> second = acquireAsync(here, 1);
            await("the third slot request waits while the other JVM holds one and this one holds one")
                    .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !second.isDone());

            other.release();
            await("the request gets the slot the other JVM gave back").atMost(Duration.ofSeconds(10))
                    .until(second::isDone);
            assertThat(second.get().count()).isEqualTo(1);
            second.get().close();
        }
    }

    @Test
    void allSlotsHeldInOneJvmExcludeTheOtherJvm() throws Exception {
        MachineSlots here = MachineSlots.open(new SlotSettings(2, dir));
        MachineSlots.Held all = here.acquire(Integer.MAX_VALUE);
        assertThat(all.count()).isEqualTo(2);

        startOther(1);
        await("the other JVM asks").atMost(JVM_START).until(() -> other.said("asking"));
        await("the other JVM waits while this one holds every slot")
                .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !other.said("held 1"));

        all.close();
        await("the other JVM gets a slot once they are given back").atMost(Duration.ofSeconds(10))
                .until(() -> other.said("held 1"));
    }

    @Test
    void twoJvmsAskingForAllSlotsWhileOneIsHeldDoNotDeadlock() throws Exception {
        MachineSlots here = MachineSlots.open(new SlotSettings(2, dir));
        MachineSlots.Held first = here.acquire(1);
        startOther(2);
        await("the other JVM asks for both slots and waits for the one held here").atMost(JVM_START)
                .until(() -> other.said("asking"));
        // long enough for the other JVM to take the free slot and wait at the gate for the one held here
        await("the other JVM waits").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> !other.said("held 2"));
        CompletableFuture<MachineSlots.Held> all = acquireAsync(here, 2);

        first.close();
        await("the other JVM, first to ask, gets both slots").atMost(Duration.ofSeconds(10))
                .until(() -> other.said("held 2"));
        assertThat(all).isNotDone();
        other.release();
        await("then this JVM gets both").atMost(Duration.ofSeconds(10)).until(all::isDone);
        assertThat(all.get().count()).isEqualTo(2);
        all.get().close();
    }

    @Test
    void aJvmThatDiesGivesItsSlotsBack() throws Exception {
        MachineSlots here = MachineSlots.open(new SlotSettings(2, dir));
        startOther(2);
        await("the other JVM holds both slots").atMost(JVM_START).until(() -> other.said("held 2"));
        CompletableFuture<MachineSlots.Held> mine = acquireAsync(here, 1);

        other.close();
        await("the slot of the dead JVM is free").atMost(Duration.ofSeconds(10)).until(mine::isDone);
        mine.get().close();
    }

    private void startOther(int cost) throws IOException {
        other = new OtherJvm(dir, 2, cost);
    }

    static CompletableFuture<MachineSlots.Held> acquireAsync(MachineSlots slots, int cost) {
        CompletableFuture<MachineSlots.Held> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(slots.acquire(cost));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "acquire-" + cost);
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
