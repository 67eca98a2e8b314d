package org.elasticslurm.lab.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandResultTest {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    @TempDir
    Path dir;

    @Test
    void aGrandchildHoldingTheOutputOpenIsEndedAndTheOutputSoFarKept() {
        CommandResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CommandResult.run(
                List.of("/bin/sh", "-c", "sleep 300 & echo $!"), ENV, dir, Duration.ofSeconds(30)));

        assertThat(r.exitCode()).isZero();
        long grandchild = Long.parseLong(r.stdout().strip());
        await("the background sleep ended").atMost(Duration.ofSeconds(5)).until(() -> ended(grandchild));
    }

    @Test
    void aCommandOverItsLimitIsKilledWithEveryProcessItStarted() {
        CommandResult r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CommandResult.run(
                List.of("/bin/sh", "-c", "sleep 300 & echo $!; wait"), ENV, dir, Duration.ofSeconds(1)));

        assertThat(r.exitCode()).isEqualTo(-1);
        long grandchild = Long.parseLong(r.stdout().strip());
        await("the background sleep ended").atMost(Duration.ofSeconds(5)).until(() -> ended(grandchild));
    }

    @Test
    void aCommandWhoseCallerIsInterruptedIsKilledWithEveryProcessItStarted() throws Exception {
        Path pids = dir.resolve("pids");
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            return CommandResult.run(List.of("/bin/sh", "-c", "sleep 600 & echo $$ $! > " + pids + ".new; mv "
                    + pids + ".new " + pids + "; wait"), ENV, dir, Duration.ofMinutes(10));
        });
        await("the command started its sleep").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pids));
        String[] shellAndSleep = Files.readString(pids).strip().split(" ");

        caller.get().interrupt();

        assertThatThrownBy(running::join).hasCauseInstanceOf(LabException.class)
                .hasMessageContaining("interrupted while running");
        for (String pid : shellAndSleep) {
            await("process " + pid + " ended").atMost(Duration.ofSeconds(5)).until(() -> ended(Long.parseLong(pid)));
        }
    }

    /**
     * Gone, or a zombie: a killed process whose parent exited is reaped by PID 1, which may take its time (until
     * then {@link ProcessHandle#isAlive} still says true).
     */
    private static boolean ended(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    @Test
    void outputAndExitStatusOfAnOrdinaryCommandAreReturnedWhole() {
        CommandResult r = CommandResult.run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"), ENV, dir,
                Duration.ofSeconds(10));

        assertThat(r).isEqualTo(new CommandResult(3, "out\n", "err\n"));
    }
}
