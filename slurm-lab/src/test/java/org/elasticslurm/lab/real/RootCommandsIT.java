package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.lab.process.CommandResult;
import org.elasticslurm.testsupport.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real commands of the 24.11 root of {@code ci/slurm-root.sh trixie}, run through the wrappers. */
class RootCommandsIT {

    @TempDir
    Path tmp;

    @Test
    void slurmctldOfThe2411RootReportsItsVersionAndAdaemonGetsItsCgroupConf() throws Exception {
        Optional<SlurmRoot> root = SlurmRoot.find("24.11", SlurmRoot.base(System.getenv()));
        Requirement.require(root.isPresent(), "no Slurm 24.11 root; build it with 'sudo "
                + SlurmRoot.buildCommand("24.11") + "'");
        Requirement.require("root".equals(System.getProperty("user.name")),
                "the wrappers mount in a mount namespace of their own: run as root");
        SlurmCommands commands = SlurmCommands.ofRoot(root.get(), tmp.resolve("bin"));
        Path conf = Files.createDirectories(tmp.resolve("etc")).resolve("slurm.conf");
        Files.writeString(conf, "");

        CommandResult r = CommandResult.run(List.of(commands.require("slurmctld", null).toString(), "-V", "-f",
                conf.toString()), Map.copyOf(System.getenv()), tmp, Duration.ofSeconds(30));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).startsWith("slurm-wlm 24.11.");
        assertThat(tmp.resolve("etc/cgroup.conf")).hasContent("CgroupPlugin=disabled");
    }
}
