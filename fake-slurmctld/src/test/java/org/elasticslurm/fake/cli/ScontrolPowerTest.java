package org.elasticslurm.fake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code scontrol power up|down [asap|force] NODES}: Slurm 24.11 and later have it (messages as scontrol 24.11.5
 * prints them); 22.05 answers "invalid keyword: power" (scontrol-power.real-22.05.trace).
 */
class ScontrolPowerTest {

    private record Run(int exit, String err) {
    }

    private static Run scontrol(String version, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ScontrolCommand(Map.of("ELASTIC_SLURM_VERSION", version, "SLURM_CONF", "/nonexistent"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0])).run(List.of(args));
        return new Run(exit, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void powerIsAnInvalidKeywordOn2205() {
        assertThat(scontrol("22.05", "power", "up", "node1")).isEqualTo(new Run(1, "invalid keyword: power\n"));
    }

    @Test
    void powerCommandsBecomeNodeStateUpdates() {
        assertThat(ScontrolPower.parse(List.of("power", "up", "node[1-2]")).updateWords())
                .containsExactly("update", "NodeName=node[1-2]", "State=POWER_UP");
        assertThat(ScontrolPower.parse(List.of("pow", "DOWN", "node1")).updateWords())
                .containsExactly("update", "NodeName=node1", "State=POWER_DOWN");
        assertThat(ScontrolPower.parse(List.of("power", "down", "force", "node1")).updateWords())
                .containsExactly("update", "NodeName=node1", "State=POWER_DOWN_FORCE");
        assertThat(ScontrolPower.parse(List.of("power", "down", "ASAP", "node1")).updateWords())
                .containsExactly("update", "NodeName=node1", "State=POWER_DOWN_ASAP");
        assertThat(ScontrolPower.isPower("po")).isFalse();
    }

    @Test
    void badPowerCommandsAreRefusedWithScontrol2411sMessages() {
        for (String version : List.of("24.11", "26.05")) {
            assertThat(scontrol(version, "power", "up")).isEqualTo(new Run(1, "too few arguments for keyword:power\n"));
            assertThat(scontrol(version, "power", "sideways", "node1"))
                    .isEqualTo(new Run(1, "unexpected argument: sideways\n"));
            assertThat(scontrol(version, "power", "down", "node1", "asap"))
                    .isEqualTo(new Run(1, "unrecognized optional command:node1\n"));
            assertThat(scontrol(version, "power", "up", "force", "node1"))
                    .isEqualTo(new Run(1, "The 'force' argument is not valid for power up requests\n"));
            assertThat(scontrol(version, "power", "up", "node1", "x", "y"))
                    .isEqualTo(new Run(1, "too many arguments for keyword:power\n"));
        }
    }
}
