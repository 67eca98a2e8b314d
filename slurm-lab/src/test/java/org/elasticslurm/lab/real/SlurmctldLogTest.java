package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.regex.Pattern;
import org.elasticslurm.lab.real.SlurmctldLog.LoggedLine;
import org.elasticslurm.lab.real.SlurmctldLog.SeenLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmctldLogTest {

    private static final Pattern WAITING = Pattern.compile("Still waiting for boot of node node1");

    @TempDir
    Path dir;

    private void append(String text) throws IOException {
        Files.writeString(dir.resolve("slurmctld.log"), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void linesAreHandedOutOnceWithoutTheirTimestampPrefix() throws IOException {
        SlurmctldLog log = new SlurmctldLog(dir.resolve("slurmctld.log"));
        append("[2026-12-06T23:10:01.100] debug:  Still waiting for boot of node node1\n");

        assertThat(log.take(WAITING, 11)).containsExactly(
                new SeenLine(11, "debug:  Still waiting for boot of node node1"));
        assertThat(log.take(WAITING, 12)).isEmpty();
    }

    @Test
    void aLineStillBeingWrittenIsNotHandedOut() throws IOException {
        SlurmctldLog log = new SlurmctldLog(dir.resolve("slurmctld.log"));
        append("[2026-12-06T23:10:01.100] debug:  Still waiting for bo");

        assertThat(log.take(WAITING, 11)).isEmpty();

        append("ot of node node1\n");
        assertThat(log.take(WAITING, 14)).extracting(SeenLine::seenTenths).containsExactly(14L);
    }

    @Test
    void theRestOfABurstWrittenAfterAStepReadTheFileKeepsTheTimeTheSamplerFirstSawIt() throws IOException {
        SlurmctldLog log = new SlurmctldLog(dir.resolve("slurmctld.log"));
        append("[2026-12-06T23:10:01.100] debug:  Still waiting for boot of node node1\n");
        assertThat(log.take(WAITING, 11)).hasSize(1);

        append("[2026-12-06T23:10:01.100] debug:  Still waiting for boot of node node1\n");
        log.observe(15);
        append("[2026-12-06T23:10:21.000] node node1 not resumed by ResumeTimeout(10) - marking down and power_save\n");
        log.observe(210);

        assertThat(log.take(WAITING, 330)).containsExactly(
                new SeenLine(15, "debug:  Still waiting for boot of node node1"));
    }

    @Test
    void eachLineKeepsTheTimeInItsPrefixToTheMillisecond() throws IOException {
        SlurmctldLog log = new SlurmctldLog(dir.resolve("slurmctld.log"));
        append("[2026-12-06T23:10:04.052] Node node1 now responding\n");
        append("no prefix here\n");

        assertThat(log.takeLogged(Pattern.compile(""), 41)).containsExactly(
                new LoggedLine(41, Optional.of(LocalDateTime.parse("2026-12-06T23:10:04.052")),
                        "Node node1 now responding"),
                new LoggedLine(41, Optional.empty(), "no prefix here"));
    }
}
