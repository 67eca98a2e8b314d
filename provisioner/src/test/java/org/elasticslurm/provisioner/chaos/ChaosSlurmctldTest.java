package org.elasticslurm.provisioner.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosSlurmctldTest {
    @TempDir
    Path dir;

    private long daemon = -1;

    @AfterEach
    void stopWhatIsLeft() {
        ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly);
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A slurmctld stand-in that stays up and writes its PID; it never answers a ping. */
    private Path silentDaemon() throws IOException {
        return script("slurmctld", "echo $$ > " + dir.resolve("daemon.pid") + "\nexec sleep 300");
    }

    private long daemonPid() throws IOException {
        await("the stand-in slurmctld wrote its PID").atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(dir.resolve("daemon.pid")) && !Files.readString(dir.resolve("daemon.pid")).isBlank());
        daemon = Long.parseLong(Files.readString(dir.resolve("daemon.pid")).strip());
        return daemon;
    }

    @Test
    void aSlurmctldThatNeverAnswersAPingIsStoppedWhenTheConstructorGivesUp() throws Exception {
        ChaosSlurmctld.Programs tools = new ChaosSlurmctld.Programs(silentDaemon(),
                script("scontrol", "echo 'Slurmctld(primary) at x is DOWN'"), Duration.ofSeconds(1), Duration.ofSeconds(5));
        Path run = Files.createDirectories(dir.resolve("run"));

        assertThatThrownBy(() -> new ChaosSlurmctld(run, "chaos1", "ch", 2, 21290, tools))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not answer a ping within 1 s");

        long started = daemonPid();
        await("the daemon the constructor started is gone").atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(started).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    }

    @Test
    void anScontrolThatHangsIsKilledAfterTheCallLimitWithWhatItPrinted() throws Exception {
        Path hanging = script("scontrol-hanging", "echo partial; exec sleep 300");
        ChaosSlurmctld ctld = upWith(hanging, Duration.ofSeconds(1));

        String out = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> ctld.scontrol("-o", "show", "node"));

        assertThat(out).isEqualTo("partial\n");
        ctld.close();
    }

    /** A running stand-in daemon whose pings succeed; later scontrol calls run {@code scontrol} instead. */
    private ChaosSlurmctld upWith(Path scontrol, Duration callLimit) throws Exception {
        Path ping = script("scontrol", "if [ \"$1\" = ping ]; then echo 'Slurmctld(primary) at x is UP'; else exec "
                + scontrol + " \"$@\"; fi");
        ChaosSlurmctld ctld = new ChaosSlurmctld(Files.createDirectories(dir.resolve("run")), "chaos1", "ch", 2, 21290,
                new ChaosSlurmctld.Programs(silentDaemon(), ping, Duration.ofSeconds(10), callLimit));
        daemonPid();
        return ctld;
    }
}
