package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.lab.real.SlurmctldLog;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.trace.StateChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slurmctld 22.05.8's log of a Level 0 run on this machine (resources/realslurm/level0-22.05.slurmctld-log.txt: lab
 * started 17:01:06.116913 UTC, `slurmd -b` at 3.5 s), with the states this target's samples showed then.
 */
class RegistrationLogTest {

    private static final Instant START = Instant.parse("2026-12-07T17:01:06.116913Z");
    private static final Duration REGISTERED = Duration.ofNanos(3_602_087_000L); // 17:01:09.719
    private static final NodeState POWERING_UP = NodeState.parse("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP");
    private static final NodeState IDLE = NodeState.parse("IDLE+CLOUD");

    @TempDir
    Path dir;

    private final StateSamples samples = new StateSamples();
    private final RegistrationLog registrations =
            new RegistrationLog(samples, ZoneOffset.UTC, instant -> Duration.between(START, instant));

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private void readAt(Duration seen) throws IOException {
        Path file = dir.resolve("slurmctld.log");
        Files.copy(Path.of("src/test/resources/realslurm/level0-22.05.slurmctld-log.txt"), file);
        new SlurmctldLog(file).takeLogged(Pattern.compile(""), seen.toMillis() / 100)
                .forEach(l -> registrations.note(l, seen));
    }

    @Test
    void theRegistrationDatesAllocatedCloudThatTheJobEndedBeforeTheNextSampleCouldShow() throws IOException {
        samples.take(ms(1020), ms(1031), Map.of("node1", POWERING_UP));
        samples.take(ms(3560), ms(3571), Map.of("node1", POWERING_UP));
        samples.take(ms(4492), ms(4503), Map.of("node1", IDLE)); // the job ended at 4.396 s

        readAt(ms(4600));

        assertThat(samples.changes()).containsExactly(new StateChange(ms(1020), "node1", POWERING_UP),
                new StateChange(REGISTERED, "node1", NodeState.parse("ALLOCATED+CLOUD")),
                new StateChange(ms(4492), "node1", IDLE, REGISTERED));
    }

    @Test
    void linesReadLateKeepTheirOwnTime() throws IOException {
        samples.take(ms(3560), ms(3571), Map.of("node1", POWERING_UP));
        samples.take(ms(4492), ms(4503), Map.of("node1", IDLE));

        readAt(ms(30_000));

        assertThat(samples.changes()).extracting(StateChange::at).containsExactly(ms(3560), REGISTERED, ms(4492));
    }

    @Test
    void aRegistrationLineDatedFarFromWhenItWasReadIsAnErrorNamingTheTimeZone() {
        SlurmctldLog.LoggedLine line = new SlurmctldLog.LoggedLine(36,
                Optional.of(LocalDateTime.parse("2026-12-07T18:01:09.719")), "Node node1 now responding");

        assertThatThrownBy(() -> registrations.note(line, ms(3600))).isInstanceOf(TargetException.class)
                .hasMessageContaining("Node node1 now responding").hasMessageContaining("time zone is not Z");
    }

    @Test
    void aRegistrationLineWithoutTimeStampIsAnError() {
        SlurmctldLog.LoggedLine line = new SlurmctldLog.LoggedLine(36, Optional.empty(), "Node node1 now responding");

        assertThatThrownBy(() -> registrations.note(line, ms(3600))).isInstanceOf(TargetException.class)
                .hasMessageContaining("has no time stamp");
    }
}
