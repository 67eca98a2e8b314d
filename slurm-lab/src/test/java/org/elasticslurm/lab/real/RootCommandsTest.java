package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticslurm.lab.process.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCommandsTest {

    @TempDir
    Path tmp;

    private SlurmRoot root() throws IOException {
        Path dir = tmp.resolve("roots/trixie-aaaa");
        Files.createDirectories(dir.resolve("usr/sbin"));
        Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(dir.resolve("usr/sbin/slurmctld"), Path.of("/etc/alternatives/slurmctld"));
        Files.createFile(dir.resolve("usr/sbin/slurmd"));
        return new SlurmRoot("24.11", "trixie", dir);
    }

    @Test
    void everyCommandGetsAnExecutableWrapperAndTheSideIsLabelledWithTheVersion() throws IOException {
        SlurmCommands commands = SlurmCommands.ofRoot(root(), tmp.resolve("bin"));

        assertThat(commands.label()).isEqualTo("real-24.11");
        assertThat(commands.stateFeed()).isFalse();
        assertThat(commands.binDirs()).containsExactly(tmp.resolve("bin"));
        for (String command : RootCommands.COMMANDS) {
            assertThat(tmp.resolve("bin").resolve(command)).isExecutable();
        }
        try (var files = Files.list(tmp.resolve("bin"))) {
            assertThat(files).hasSize(RootCommands.COMMANDS.size()); // no temporary file left
        }
    }

    @Test
    void aWrapperChrootsIntoTheRootInAPrivateMountNamespaceWithTheHostsMunge() throws IOException {
        SlurmRoot root = root();

        String slurmctld = RootCommands.wrapper(root, "slurmctld");

        assertThat(slurmctld).contains("exec /usr/bin/unshare -m --propagation private /bin/bash -c")
                .contains("for m in proc sys dev dev/pts run/munge tmp; do /bin/mount --bind \"/$m\" \"$0/$m\"")
                .contains("exec /usr/sbin/chroot \"$0\" \"$@\"' \"$root\" \"$exe\" \"$@\"")
                .contains("root='" + root.path() + "'")
                .contains("exe=/usr/sbin/slurmctld");
        assertThat(RootCommands.wrapper(root, "srun")).contains("exe=/usr/bin/srun");
    }

    @Test
    void aWrapperWhoseRootIsGoneFailsNamingTheCommandThatBuildsIt() throws IOException {
        SlurmRoot root = root();
        SlurmCommands commands = SlurmCommands.ofRoot(root, tmp.resolve("bin"));
        Files.walk(root.path()).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        Path conf = Files.writeString(tmp.resolve("slurm.conf"), "");

        CommandResult r = CommandResult.run(List.of(commands.require("slurmctld", null).toString(), "-f",
                conf.toString()), Map.of(), tmp, Duration.ofSeconds(10));

        assertThat(r.exitCode()).isEqualTo(RootCommands.ROOT_MISSING);
        assertThat(r.stderr()).contains("the Slurm 24.11 root " + root.path() + " is gone")
                .contains("sudo ci/slurm-root.sh trixie");
    }
}
