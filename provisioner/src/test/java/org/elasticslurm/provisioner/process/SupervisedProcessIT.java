package org.elasticslurm.provisioner.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.PostConfigurer;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@CpuCost(0) // shell commands, one small JVM
class SupervisedProcessIT {
    private final SupervisedProcess runner = new SupervisedProcess(Clock.systemUTC(), "/usr/bin/timeout",
            Duration.ofMillis(300));

    private static ProcessCommand sh(String script, Duration timeout) {
        return ProcessCommand.of(List.of("/bin/sh", "-c", script), ProcessCommand.minimalEnvironment(), timeout);
    }

    @Test
    void exitStatusAndInterleavedOutputAreCaptured() {
        ProcessOutcome outcome = runner.run(sh("echo to-stdout; echo to-stderr >&2; exit 3", Duration.ofSeconds(20)));

        assertThat(outcome.ending()).isEqualTo(ProcessOutcome.Ending.EXITED);
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.output()).contains("to-stdout\n", "to-stderr\n");
        assertThat(outcome.strayProcessesKilled()).isFalse();
        assertThat(outcome.reaped()).isTrue();
    }

    @Test
    void childRunsInAProcessGroupOfItsOwnWithStdinFromDevNull() throws IOException {
        ProcessOutcome outcome = runner.run(sh("pgrp=$(cut -d' ' -f5 /proc/$$/stat);"
                + " echo pgrp=$pgrp leader=$(readlink /proc/$pgrp/exe) stdin=$(readlink /proc/$$/fd/0)",
                Duration.ofSeconds(20)));

        Matcher m = Pattern.compile("pgrp=(\\d+) leader=(\\S+) stdin=(\\S+)").matcher(outcome.output());
        assertThat(m.find()).as("output %s", outcome.output()).isTrue();
        String ownStat = Files.readString(Path.of("/proc/self/stat"));
        String ownPgrp = ownStat.substring(ownStat.lastIndexOf(')') + 2).split(" ")[2];
        assertThat(m.group(1)).isNotEqualTo(ownPgrp);
        assertThat(m.group(2)).as("the watchdog leads the group").isEqualTo("/usr/bin/timeout");
        assertThat(m.group(3)).isEqualTo("/dev/null");
    }

    @Test
    void theCommandDiesAfterItsBoundEvenWhenTheSupervisingJvmDiesFirst(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), DyingSupervisor.class.getName(), pidFile.toString())
                .redirectErrorStream(true).start();
        assertThat(jvm.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the supervising JVM halts").isTrue();
        long command = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(alive(command)).as("the command outlived its supervisor").isTrue();

        // bound 1 s + kill grace 2 s + watchdog margin 5 s, then SIGTERM (sleep obeys it)
        await("command " + command + " ended by the watchdog").atMost(Duration.ofSeconds(20))
                .until(() -> !alive(command));
    }

    @Test
    void timeoutKillsTheWholeGroupEvenWhenTheLeaderIgnoresSigterm() {
        ProcessOutcome outcome = runner.run(sh(
                "trap '' TERM; sleep 300 & echo child=$!; sleep 300; echo never", Duration.ofMillis(700)));

        assertThat(outcome.ending()).isEqualTo(ProcessOutcome.Ending.TIMED_OUT);
        assertThat(outcome.reaped()).isTrue();
        assertThat(outcome.output()).doesNotContain("never");
        long child = number("child=(\\d+)", outcome.output());
        await("background sleep " + child + " gone").atMost(Duration.ofSeconds(5)).until(() -> !alive(child));
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void stopMarkerEndsTheRunAndKillsTheGroup() {
        ProcessOutcome outcome = runner.run(sh("echo booting; sleep 300 & echo child=$!; echo MARK-READY; sleep 300",
                Duration.ofSeconds(60)).until("MARK-READY"));

        assertThat(outcome.ending()).isEqualTo(ProcessOutcome.Ending.MARKER_SEEN);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(30));
        long child = number("child=(\\d+)", outcome.output());
        await("background sleep " + child + " gone").atMost(Duration.ofSeconds(5)).until(() -> !alive(child));
    }

    @Test
    void processesLeftInTheGroupAreKilledWhenTheLeaderExits() {
        ProcessOutcome outcome = runner.run(sh("sleep 300 >/dev/null 2>&1 & echo left=$!", Duration.ofSeconds(20)));

        assertThat(outcome.ending()).isEqualTo(ProcessOutcome.Ending.EXITED);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.strayProcessesKilled()).isTrue();
        long left = number("left=(\\d+)", outcome.output());
        await("left-behind sleep " + left + " gone").atMost(Duration.ofSeconds(5)).until(() -> !alive(left));
    }

    @Test
    void outputKeepsTheLastBytesWhenOverTheLimit() {
        ProcessCommand command = sh("seq 1 100000", Duration.ofSeconds(20));
        ProcessOutcome outcome = runner.run(new ProcessCommand(command.argv(), command.environment(),
                command.workingDirectory(), command.timeout(), command.stopMarker(), 64));

        assertThat(outcome.outputTruncated()).isTrue();
        assertThat(outcome.output()).hasSize(64).endsWith("99999\n100000\n");
    }

    @Test
    void environmentIsExactlyTheOneGiven() {
        ProcessOutcome outcome = runner.run(ProcessCommand.of(List.of("/usr/bin/env"),
                java.util.Map.of("ONLY", "this"), Duration.ofSeconds(20)));

        assertThat(outcome.output().lines().toList()).containsExactly("ONLY=this");
    }

    @Test
    void missingProgramIsAStartFailureNamingIt() {
        assertThatThrownBy(() -> runner.run(ProcessCommand.of(List.of("/nonexistent/tool"), java.util.Map.of(),
                Duration.ofSeconds(1))))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("/nonexistent/tool");
    }

    @Test
    void postConfigurerReportsNonZeroExitAsResultAndTimeoutAsBackendError() {
        PostConfigurer post = new ProcessPostConfigurer(runner);

        PostConfigurer.Result failed = post.run(List.of("/bin/sh", "-c", "echo configuring; exit 2"),
                Duration.ofSeconds(20));
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.output()).contains("configuring");

        assertThatThrownBy(() -> post.run(List.of("/bin/sh", "-c", "echo stuck; sleep 300"), Duration.ofMillis(500)))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("did not finish within PT0.5S")
                .hasMessageContaining("stuck")
                .satisfies(e -> assertThat(((BackendException) e).isTransient()).isFalse());
    }

    private static long number(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
