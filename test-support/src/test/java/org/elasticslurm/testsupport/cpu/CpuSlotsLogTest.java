package org.elasticslurm.testsupport.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The holdings of this JVM's costed tests go to {@code -Dtest.cpu-slots.log} (the build: target/cpu-slots.log). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CpuSlotsLogTest {

    @Test
    @Order(1)
    @CpuCost(1)
    void aCostedTestRuns() {
        assertThat(System.getProperty(SlotUsageLog.FILE)).as("the build names the log").isNotBlank();
    }

    @Test
    @Order(2)
    void itsHoldingIsLoggedWithItsNameSlotsAndTimes() throws Exception {
        Path log = Path.of(System.getProperty(SlotUsageLog.FILE));

        assertThat(Files.readAllLines(log)).anySatisfy(line -> assertThat(line).matches(
                "\\S+Z waited=\\d+\\.\\ds held=\\d+\\.\\ds slots=1 pid=" + ProcessHandle.current().pid()
                        + " " + CpuSlotsLogTest.class.getName() + "#aCostedTestRuns"));
    }

    @Test
    @Order(3)
    @CpuCost(2)
    void aCostedTestGivesBackItsSlotsFromAnotherThread() throws Exception {
        HeldSlots held = CpuSlots.held();
        Thread other = new Thread(held::release, "release");
        other.start();
        other.join();
        assertThat(held.count()).isZero();
    }

    @Test
    @Order(4)
    void itsHoldingIsLoggedOnceAsLoweredToNothing() throws Exception {
        Path log = Path.of(System.getProperty(SlotUsageLog.FILE));

        String thisJvm = " pid=" + ProcessHandle.current().pid() + " ";
        assertThat(Files.readAllLines(log))
                .filteredOn(line -> line.contains(thisJvm) && line.contains("#aCostedTestGivesBack"))
                .singleElement().satisfies(line -> assertThat(line).matches(
                        "\\S+Z waited=\\d+\\.\\ds held=\\d+\\.\\ds slots=2" + thisJvm + CpuSlotsLogTest.class.getName()
                                + "#aCostedTestGivesBackItsSlotsFromAnotherThread lowered to 0"));
    }
}
