package org.elasticslurm.provisioner.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmdProcessTest {
    @TempDir
    Path dir;

    private Path standIn(String body) throws Exception {
        Path slurmd = dir.resolve("slurmd");
        Files.writeString(slurmd, "#!/bin/sh\necho \"$@\" > " + dir.resolve("args") + "\n" + body + "\n");
        Files.setPosixFilePermissions(slurmd, PosixFilePermissions.fromString("rwx------"));
        return slurmd;
    }

    @Test
    void slurmdRunsInTheForegroundForTheNodeWithBootTimeAndIsStoppedByItsPid() throws Exception {
        Path conf = dir.resolve("slurm.conf");
        SlurmdFollower.Daemon d = SlurmdProcess.launcher(standIn("exec /bin/sleep 300"), conf).start("sim3");
        await("the stand-in slurmd wrote its arguments").atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(dir.resolve("args")) && !Files.readString(dir.resolve("args")).isEmpty());

        assertThat(Files.readString(dir.resolve("args")).strip()).isEqualTo("-D -N sim3 -b -f " + conf);
        assertThat(ProcessHandle.of(d.pid())).isPresent();
        assertThat(d.exitStatus()).isEmpty();

        d.stop();
        assertThat(ProcessHandle.of(d.pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(d.exitStatus()).isPresent();
    }

    @Test
    void aSlurmdThatIgnoresSigtermIsKilled() throws Exception {
        SlurmdFollower.Daemon d = SlurmdProcess.launcher(standIn(
                "trap '' TERM\nwhile :; do /bin/sleep 1; done"), null).start("sim1");
        await("the stand-in slurmd wrote its arguments").atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(dir.resolve("args")) && !Files.readString(dir.resolve("args")).isEmpty());
        assertThat(Files.readString(dir.resolve("args")).strip()).isEqualTo("-D -N sim1 -b");

        d.stop();
        assertThat(d.exitStatus()).hasValue(137);
    }
}
