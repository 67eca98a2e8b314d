package org.elasticslurm.testsupport.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The annotation at work in this JVM, whose slots the build puts in {@code target/cpu-slots} ({@code -Dtest.cpu-slots=2}):
 * while a test costed with every slot runs, another JVM gets none.
 */
@CpuCost(Integer.MAX_VALUE)
class CpuCostTest {

    private static final Duration JVM_START = Duration.ofSeconds(60);
    private static final Duration STILL_WAITING = Duration.ofMillis(700);

    @Test
    void aTestCostingAllSlotsHoldsThemWhileItRuns() throws Exception {
        assertTheOtherJvmGetsNoSlot();
    }

    @Test
    void aTestThatLowersItsHoldingLetsAnotherJvmTakeTheSlotsGivenBackWhileItRuns() throws Exception {
        try (OtherJvm other = new OtherJvm(Path.of(System.getProperty(SlotSettings.DIRECTORY)), 2, 1)) {
            await("the other JVM asks").atMost(JVM_START).until(() -> other.said("asking"));
            await("the other JVM waits while this test holds every slot")
                    .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !other.said("held 1"));

            CpuSlots.held().lowerTo(1);

            await("the other JVM takes the slot given back").atMost(JVM_START).until(() -> other.said("held 1"));
            assertThat(CpuSlots.held().count()).isEqualTo(1);
        }
    }

    @TestFactory
    DynamicTest aDynamicTestHoldsTheCostOfItsFactory() {
        return DynamicTest.dynamicTest("all slots", CpuCostTest::assertTheOtherJvmGetsNoSlot);
    }

    @Nested
    class WithoutACostOfItsOwn {
        @Test
        void aNestedTestHoldsTheCostOfTheClassAroundIt() throws Exception {
            assertTheOtherJvmGetsNoSlot();
        }
    }

    @Nested
    class WithASetUp {
        private boolean setUp;

        @BeforeEach
        void setUpHoldsTheCostToo() throws Exception {
            assertTheOtherJvmGetsNoSlot();
            setUp = true;
        }

        @Test
        void theTestRunsAfterItsSetUp() {
            assertThat(setUp).isTrue();
        }
    }

    @Nested
    class WithASetUpCostingNothing {
        private boolean setUp;

        @BeforeEach
        @CpuCost(0)
        void aSetUpMarkedWithItsOwnCostHoldsThatInstead() throws Exception {
            try (OtherJvm other = new OtherJvm(Path.of(System.getProperty(SlotSettings.DIRECTORY)), 2, 2)) {
                await("the other JVM takes every slot while the set-up runs").atMost(JVM_START)
                        .until(() -> other.said("held 2"));
            }
            setUp = true;
        }

        @Test
        void theTestAfterItStillHoldsTheClassCost() throws Exception {
            assertThat(setUp).isTrue();
            assertTheOtherJvmGetsNoSlot();
        }
    }

    private static void assertTheOtherJvmGetsNoSlot() throws Exception {
        try (OtherJvm other = new OtherJvm(Path.of(System.getProperty(SlotSettings.DIRECTORY)), 2, 1)) {
            await("the other JVM asks").atMost(JVM_START).until(() -> other.said("asking"));
            await("the other JVM waits while this test runs")
                    .during(STILL_WAITING).atMost(STILL_WAITING.multipliedBy(3)).until(() -> !other.said("held 1"));
        }
    }
}
