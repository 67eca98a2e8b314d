package org.elasticslurm.testsupport.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotUsageLogTest {

    @TempDir
    Path tmp;

    private static SlotUse use(String what, long waitedMillis, long heldMillis) {
        return new SlotUse(Instant.parse("2026-12-07T13:40:01.250Z"), 4242, what, 2,
                Duration.ofMillis(waitedMillis), Duration.ofMillis(heldMillis));
    }

    @Test
    void aLineSaysWhenWhatAndHowLongItWaitedAndHeldInSeconds() {
        assertThat(use("a.B#c", 812_345, 13_050).line())
                .isEqualTo("2026-12-07T13:40:01.250Z waited=812.3s held=13.1s slots=2 pid=4242 a.B#c");
    }

    @Test
    void holdingsAreAppendedOneLineEachCreatingTheFileAndItsDirectory() throws Exception {
        Path file = tmp.resolve("ci/cpu-slots.log");
        SlotUsageLog log = new SlotUsageLog(Optional.of(file));

        log.record(use("a.B#first", 0, 1_000));
        log.record(use("a.B#second @BeforeAll", 2_500, 0));

        assertThat(Files.readAllLines(file)).containsExactly(
                "2026-12-07T13:40:01.250Z waited=0.0s held=1.0s slots=2 pid=4242 a.B#first",
                "2026-12-07T13:40:01.250Z waited=2.5s held=0.0s slots=2 pid=4242 a.B#second @BeforeAll");
    }

    @Test
    void aFileThatCannotBeWrittenFailsNoTest() throws Exception {
        Path notADirectory = Files.writeString(tmp.resolve("plain"), "");
        SlotUsageLog log = new SlotUsageLog(Optional.of(notADirectory.resolve("cpu-slots.log")));

        log.record(use("a.B#c", 0, 0));

        assertThat(notADirectory).hasContent("");
    }
}
