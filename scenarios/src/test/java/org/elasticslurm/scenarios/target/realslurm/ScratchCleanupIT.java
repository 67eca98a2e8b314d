package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ending {@code ./elastic-lab replay} mid-run leaves nothing behind: on SIGTERM its shutdown hook stops the lab's
 * processes by PID and removes the scratch directory ({@code /tmp/esfr-PID-N}); after a SIGKILL, which no hook
 * survives, the next run of the target removes both (the directory's name carries the dead owner's PID).
 */
@CpuCost(1)
@ExtendWith(FakeRealtimeAvailable.class)
class ScratchCleanupIT {

    private static final Path TMP = Path.of("/tmp");
    private static final Path REPO = SlurmBinaries.checkoutOf(java.util.Optional.of(Path.of("")))
            .orElseThrow(() -> new IllegalStateException("the tests run inside the repository checkout"));

    @TempDir
    Path out;

    private final List<Process> started = new ArrayList<>();
    private final List<Path> scratch = new ArrayList<>();

    @AfterEach
    void endWhatTheTestStarted() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        // a failed assertion must not leave a lab running: end it as the next run would
        RealSlurmTarget.fakeRealtime().sweepLeftovers();
        assertThat(scratch).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void sigtermMidRunStopsTheLabsProcessesAndRemovesTheScratchDirectory() throws Exception {
        Process replay = replay("level0", "fake-realtime", "sigterm");
        Path dir = TMP.resolve("esfr-" + replay.pid() + "-1");
        scratch.add(dir);
        awaitLabRunning(replay, dir);

        replay.destroy(); // SIGTERM, by PID

        assertThat(replay.waitFor(60, TimeUnit.SECONDS)).as("elastic-lab ended after SIGTERM").isTrue();
        assertThat(dir).as("scratch directory after SIGTERM").doesNotExist();
        assertThat(LeftOvers.labProcesses(dir)).as("lab processes after SIGTERM").isEmpty();
    }

    @Test
    void afterASigkillTheNextRunStopsTheLeftProcessesAndRemovesTheScratchDirectory() throws Exception {
        Process killed = replay("level0", "fake-realtime", "sigkill");
        Path dir = TMP.resolve("esfr-" + killed.pid() + "-1");
        scratch.add(dir);
        awaitLabRunning(killed, dir);

        killed.destroyForcibly(); // SIGKILL, by PID: no shutdown hook runs
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(dir).as("scratch directory right after SIGKILL").exists();
        assertThat(LeftOvers.labProcesses(dir)).as("lab processes right after SIGKILL").isNotEmpty();

        Process next = replay(REPO.resolve("scenarios/failures/group-writable-hook.yaml").toString(),
                "fake-realtime", "next");
        assertThat(next.waitFor(3, TimeUnit.MINUTES)).as("the next run ended").isTrue();

        assertThat(next.exitValue()).as(Files.readString(out.resolve("next.err"))).isZero();
        assertThat(dir).as("the killed run's scratch directory after the next run").doesNotExist();
        assertThat(LeftOvers.labProcesses(dir)).as("the killed run's processes after the next run").isEmpty();
    }

    private Process replay(String scenario, String target, String name) throws IOException {
        Process p = new ProcessBuilder(REPO.resolve("elastic-lab").toString(), "replay", scenario, "--target", target,
                "--no-color").directory(REPO.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.resolve(name + ".out").toFile())
                .redirectError(out.resolve(name + ".err").toFile()).start();
        started.add(p);
        return p;
    }

    /** Until the run's slurmctld and slurmd (started by hand at 3.6 s) are running in its scratch directory. */
    private void awaitLabRunning(Process replay, Path dir) {
        await("slurmctld and slurmd of " + dir).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .failFast("elastic-lab ended", () -> !replay.isAlive())
                .until(() -> {
                    List<String> running = LeftOvers.labProcesses(dir);
                    return running.stream().anyMatch(p -> p.contains("Slurmd"))
                            && running.stream().anyMatch(p -> p.contains("Slurmctld"));
                });
    }
}
