package org.elasticslurm.provisioner.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The resume hook with the SLURM_RESUME_FILE of each Slurm version (recorded from the real daemons). */
class HookResumeFileTest {
    @TempDir
    Path dir;
    CannedService service;

    Path serviceAnswering(Predicate<String> refuse) throws IOException {
        service = new CannedService(dir, 5000, body -> refuse.test(body)
                ? new CannedService.Answer(400, "{\"error\":\"resumeFile.jobs[0].nodes: a hostlist is required\"}")
                : CannedService.accepted(body));
        return service.conf;
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
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

        assertThat(service.bodies).containsExactly("{\"resumeFile\":" + Files.readString(file).strip() + ",\"nodes\":\""
                + hostlist + "\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"real-22.05", "real-24.11", "real-26.05"})
    void aServiceThatRefusesTheResumeFileStillGetsTheHostlistAndTheHookSucceeds(String name) throws IOException {
        Path conf = serviceAnswering(body -> body.contains("resumeFile"));

        assertThat(resume(conf, "node1", recorded(name + ".json"))).isZero();

        assertThat(service.bodies).hasSize(2);
        assertThat(service.bodies.get(1)).isEqualTo("{\"nodes\":\"node1\"}");
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

        assertThat(service.bodies).containsExactly("{\"nodes\":\"node1\"}");
        assertThat(Files.readString(dir.resolve("hooks.log"))).contains("is not a JSON object of at most 1 MiB; not forwarded");
    }
}
