package org.elasticslurm.provisioner.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimSlurmdCommandTest {
    @TempDir
    Path dir;

    @Test
    void theNodesOfTheServicesListingAreReadWithPhaseAndSince() throws IOException {
        String body = """
                [{"name":"sim1","pool":"default","phase":"READY","address":"127.0.0.1","backendId":"sim-sim1",\
                "since":"2026-12-06T23:46:30.1Z","operationId":"op1"},\
                {"name":"sim2","pool":"default","phase":"POWERED_DOWN","since":"2026-12-06T23:40:00Z"}]""";

        assertThat(SimSlurmdCommand.nodes(200, body)).containsExactly(
                java.util.Map.entry("sim1", new SlurmdFollower.NodePhase("READY", "2026-12-06T23:46:30.1Z")),
                java.util.Map.entry("sim2", new SlurmdFollower.NodePhase("POWERED_DOWN", "2026-12-06T23:40:00Z")));
    }

    @Test
    void aRefusedListingIsAnErrorNamingTheStatusAndTheServicesAnswer() {
        assertThatThrownBy(() -> SimSlurmdCommand.nodes(401, "{\"error\":\"missing or wrong bearer token\"}\n"))
                .isInstanceOf(IOException.class)
                .hasMessage("HTTP 401 {\"error\":\"missing or wrong bearer token\"}");
        assertThatThrownBy(() -> SimSlurmdCommand.nodes(200, "{\"name\":\"sim1\"}"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("expected a JSON array of nodes");
    }

    @Test
    void withoutAUrlOrWithAMissingSlurmdTheCommandSaysWhatIsWrongAndStartsNothing() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "secret\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int noUrl = AdminMain.run(new String[] {"sim-slurmd", "--token-file", token.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        int noSlurmd = AdminMain.run(new String[] {"sim-slurmd", "--url", "http://127.0.0.1:21499",
                "--token-file", token.toString(), "--slurmd", dir.resolve("no-slurmd").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(noUrl).isEqualTo(64);
        assertThat(noSlurmd).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--url http://HOST:PORT of the service is required")
                .contains(dir.resolve("no-slurmd") + " is not an executable file (--slurmd PATH)");
    }
}
