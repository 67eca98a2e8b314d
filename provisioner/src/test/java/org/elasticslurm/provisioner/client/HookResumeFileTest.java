package org.elasticslurm.provisioner.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resume hook with the SLURM_RESUME_FILE of each Slurm version (recorded from the real daemons). */
class HookResumeFileTest {
    static final String ACCEPTED = "{\"operations\":[{\"id\":\"op-1\",\"node\":\"node1\",\"kind\":\"RESUME\","
            + "\"status\":\"RUNNING\"}]}";
    @TempDir
    Path dir;
    HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();

    /** Answers 202 with the service's shape, or 400 with its error shape when {@code refuse} says so. */
    Path serviceAnswering(Predicate<String> refuse) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            boolean no = refuse.test(body);
            byte[] reply = (no ? "{\"error\":\"resumeFile.jobs[0].nodes: a hostlist is required\"}" : ACCEPTED)
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(no ? 400 : 202, reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.start();
        Path token = dir.resolve("token");
        Files.writeString(token, "secret\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
        Path conf = dir.resolve("client.conf");
        Files.writeString(conf, "url=http://127.0.0.1:" + server.getAddress().getPort() + "\ntoken-file=" + token
                + "\nlog-file=" + dir.resolve("hooks.log") + "\ndeadline=5000\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        return conf;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    Path recorded(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/resume-files/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    int resume(Path conf, String hostlist, Path resumeFile) {
        return HookMain.run(new String[] {"resume", hostlist},
                Map.of(ClientConfig.FILE_ENV, conf.toString(), "SLURM_RESUME_FILE", resumeFile.toString()),
                new PrintStream(new ByteArrayOutputStream()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"real-22.05", "real-24.11", "real-26.05", "real-22.05-multi", "real-24.11-multi",
            "real-26.05-multi"})
    void eachVersionsResumeFileIsPostedAsItIsWithTheHostlist(String name) throws IOException {
        Path conf = serviceAnswering(body -> false);
        Path file = recorded(name + ".json");
        String hostlist = Files.readString(recorded(name + ".argv")).strip();

        assertThat(resume(conf, hostlist, file)).isZero();

        assertThat(bodies).containsExactly("{\"resumeFile\":" + Files.readString(file).strip() + ",\"nodes\":\""
                + hostlist + "\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"real-22.05", "real-24.11", "real-26.05"})
    void aServiceThatRefusesTheResumeFileStillGetsTheHostlistAndTheHookSucceeds(String name) throws IOException {
        Path conf = serviceAnswering(body -> body.contains("resumeFile"));

        assertThat(resume(conf, "node1", recorded(name + ".json"))).isZero();

        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1)).isEqualTo("{\"nodes\":\"node1\"}");
        assertThat(Files.readString(dir.resolve("hooks.log")))
                .contains("slurm-resume node1: the provisioner refused SLURM_RESUME_FILE (HTTP 400: resumeFile.jobs[0]"
                        + ".nodes: a hostlist is required); posting the hostlist alone")
                .contains("slurm-resume node1: accepted (1 operations)");
    }

    @Test
    void aResumeFileThatIsNotJsonIsLoggedAndTheHostlistPostedAlone() throws IOException {
        Path conf = serviceAnswering(body -> false);
        Path file = dir.resolve("garbage");
        Files.writeString(file, "jobs=1 nodes=node1");

        assertThat(resume(conf, "node1", file)).isZero();

        assertThat(bodies).containsExactly("{\"nodes\":\"node1\"}");
        assertThat(Files.readString(dir.resolve("hooks.log"))).contains("is not a JSON object of at most 1 MiB; not forwarded");
    }
}
