package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerLogTest {

    @TempDir
    Path dir;

    private SimLab labWith(String debug, String flags) {
        SimLab lab = SimLab.conf(dir, TestConf.lab("SlurmctldDebug=" + debug, flags,
                "NodeName=c1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c1 Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        lab.controller.updateNode(NodeUpdate.state("c1", NodeStateRequest.POWER_UP));
        lab.runUntil(3);
        return lab;
    }

    @Test
    void powerLinesNeedDebugFlagsPowerAndAtLeastVerbose() {
        assertThat(labWith("debug", "DebugFlags=Power").logLines()).anyMatch(l -> l.startsWith("POWER: power_save: pid"));
    }

    @Test
    void powerLinesAreAbsentAtInfoLevelEvenWithTheFlag() {
        assertThat(labWith("info", "DebugFlags=Power").logLines()).noneMatch(l -> l.startsWith("POWER: "));
    }

    @Test
    void powerLinesAreAbsentWithoutTheFlag() {
        assertThat(labWith("debug", "DebugFlags=Steps").logLines()).noneMatch(l -> l.startsWith("POWER: "));
    }

    @Test
    void levelsParseByNameOrNumberAndPrefixAsSlurmDoes() {
        assertThat(LogLevel.parse("debug")).hasValue(LogLevel.DEBUG);
        assertThat(LogLevel.parse("5")).hasValue(LogLevel.DEBUG);
        assertThat(LogLevel.parse("chatty")).isEmpty();
        assertThat(LogLevel.DEBUG.prefix()).isEqualTo("debug:  ");
        assertThat(LogLevel.ERROR.prefix()).isEqualTo("error: ");
        assertThat(LogLevel.INFO.allows(LogLevel.DEBUG)).isFalse();
        assertThat(LogLevel.ofPrefixedLine("error: power_save module disabled, NULL SuspendProgram"))
                .isEqualTo(LogLevel.ERROR);
    }

    @Test
    void logFileLinesCarrySlurmctldsTimestamp() {
        SlurmLogFormat format = new SlurmLogFormat(ZoneOffset.UTC);

        String line = format.format(new LogRecord(Instant.parse("2026-11-28T15:40:00.123Z"), LogLevel.INFO,
                "Node node1 now responding"));

        assertThat(line).isEqualTo("[2026-11-28T15:40:00.123] Node node1 now responding");
    }
}
