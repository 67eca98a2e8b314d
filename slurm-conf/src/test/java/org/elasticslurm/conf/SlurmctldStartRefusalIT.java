package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Top-level values only the daemon checks (scontrol loads no plugins and skips slurmctld-only keys), against the
 * real slurmctld 22.05 started on the same file: what stops it is our error with its message, what it only logs
 * is our warning with its words.
 */
@ExtendWith(RealSlurmctld.class)
class SlurmctldStartRefusalIT {

    private static final String NODES = "NodeName=c[1-2] CPUs=1 NodeAddr=127.0.0.1\n"
            + "PartitionName=p Nodes=c[1-2] Default=YES\n";

    @TempDir
    Path lab;

    /** The lab's head with {@code key}'s line replaced by {@code line} (or {@code line} appended). */
    private Path conf(String key, String line) throws IOException {
        String head = RealSlurmctld.head(lab);
        String text = head.contains("\n" + key + "=") ? head.replaceFirst("\n" + key + "=[^\n]*", "\n" + line)
                : head + line + "\n";
        return Files.writeString(lab.resolve("slurm.conf"), text + NODES);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "AuthType, AuthType=auth/slurm",
        "AuthAltTypes, AuthAltTypes=auth/slurm",
        "CredType, CredType=cred/slurm",
        "SelectType, SelectType=select/foo",
        "SchedulerType, SchedulerType=sched/foo",
        "SwitchType, SwitchType=switch/foo",
        "FastSchedule, FastSchedule=2",
        "FastSchedule, FastSchedule=0"})
    void whatStopsTheDaemonIsOurErrorWithItsMessage(String key, String line)
            throws IOException, InterruptedException {
        Path conf = conf(key, line);
        RealSlurmctld.Stopped real = RealSlurmctld.runExpectingStop(lab, conf);
        assertThat(real.exitCode()).as(real.output()).isNotZero();
        SlurmConfException ours = catchThrowableOfType(SlurmConfException.class,
                () -> new SlurmConfParser().parse(conf));
        assertThat(ours).as("our parser refuses %s", line).isNotNull();
        assertThat(ours.errors()).singleElement().satisfies(e -> assertThat(real.errors())
                .anySatisfy(message -> assertThat(e.rule()).startsWith(message)));
    }

    @Test
    void anUnknownReconfigFlagIsLoggedAndTheDaemonRuns() throws IOException {
        Path conf = conf("ReconfigFlags", "ReconfigFlags=KeepPowerSaveSettings");
        try (RealSlurmctld daemon = RealSlurmctld.start(lab, conf)) {
            assertThat(daemon.logLines()).contains("error: Invalid ReconfigFlag: KeepPowerSaveSettings");
        }
        assertThat(new SlurmConfParser().parse(conf).warnings()).extracting(ConfWarning::message)
                .anySatisfy(m -> assertThat(m).startsWith("Invalid ReconfigFlag: KeepPowerSaveSettings"));
    }

    @Test
    void obsoleteFastScheduleOneIsLoggedAndTheDaemonRuns() throws IOException {
        Path conf = conf("FastSchedule", "FastSchedule=1");
        try (RealSlurmctld daemon = RealSlurmctld.start(lab, conf)) {
            assertThat(daemon.logLines()).contains(
                    "error: Ignoring obsolete FastSchedule=1 option. Please remove from your configuration.");
        }
        assertThat(new SlurmConfParser().parse(conf).warnings()).extracting(ConfWarning::message)
                .contains("Ignoring obsolete FastSchedule=1 option. Please remove from your configuration.");
    }
}
