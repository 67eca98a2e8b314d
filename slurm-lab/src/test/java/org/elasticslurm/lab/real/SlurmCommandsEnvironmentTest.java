package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmCommandsEnvironmentTest {

    @Test
    void aVariableOfTheCommandsIsInTheEnvironmentOfEveryLabCommand() {
        SlurmCommands commands = SlurmCommands.inDirectory("fake", Path.of("/opt/bin"))
                .withEnvironment("ELASTIC_SLURM_VERSION", "24.11");

        var env = commands.labEnvironment(Path.of("/tmp/lab"));

        assertThat(env).containsEntry("ELASTIC_SLURM_VERSION", "24.11").containsEntry("LAB", "/tmp/lab");
        assertThat(env.get("PATH")).startsWith("/opt/bin");
        assertThat(commands.stateFeed()).isTrue();
        assertThat(new SlurmCommands("real-22.05", List.of(Path.of("/usr/sbin"))).environment()).isEmpty();
    }
}
