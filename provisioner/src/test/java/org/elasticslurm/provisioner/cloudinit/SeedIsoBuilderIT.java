package org.elasticslurm.provisioner.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.process.ProcessCommand;
import org.elasticslurm.provisioner.process.ProcessOutcome;
import org.elasticslurm.provisioner.process.SupervisedProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedIsoBuilderIT {
    private final SupervisedProcess runner = new SupervisedProcess(Clock.systemUTC());

    @TempDir
    Path dir;

    @Test
    void seedIsoHasVolumeIdCidataAndTheThreeFilesUnderRockRidgeAndJoliet() throws IOException {
        byte[] munge = new byte[1024];
        new java.util.Random(7).nextBytes(munge);
        SeedInputs inputs = new SeedInputs("test1", "test1", "cloud", "i-test1-op1", munge,
                "ClusterName=lab\n", Map.of());
        NoCloudSeed seed = NoCloudSeed.of(inputs, DefaultUserData.template(java.util.Set.of()),
                new NetworkConfig.Static("52:54:00:12:34:56", "10.77.0.11", 24, Optional.empty(), List.of()));

        byte[] iso = new SeedIsoBuilder(runner, Path.of("/usr/bin/genisoimage"), dir).build(seed);
        Path file = Files.write(dir.resolve("seed.iso"), iso);

        assertThat(isoinfo("-d", "-i", file.toString())).contains("Volume id: cidata");
        assertThat(isoinfo("-R", "-i", file.toString(), "-x", "/meta-data"))
                .isEqualTo("instance-id: i-test1-op1\nlocal-hostname: test1\n");
        assertThat(isoinfo("-R", "-i", file.toString(), "-x", "/user-data")).isEqualTo(seed.userData())
                .contains(java.util.Base64.getEncoder().encodeToString(munge));
        assertThat(isoinfo("-R", "-i", file.toString(), "-x", "/network-config"))
                .contains("macaddress: \"52:54:00:12:34:56\"", "- 10.77.0.11/24");
        assertThat(isoinfo("-J", "-i", file.toString(), "-f").lines().toList())
                .containsExactlyInAnyOrder("/meta-data", "/network-config", "/user-data");
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).as("scratch directories removed").containsExactly(file);
        }
    }

    @Test
    void missingGenisoimageIsASeedErrorSayingWhatToInstall() {
        NoCloudSeed seed = new NoCloudSeed("instance-id: a\n", "#cloud-config\n", Optional.empty());

        assertThatThrownBy(() -> new SeedIsoBuilder(runner, Path.of("/nonexistent/genisoimage"), dir).build(seed))
                .isInstanceOf(SeedException.class)
                .hasMessageContaining("/nonexistent/genisoimage")
                .hasMessageContaining("install genisoimage");
    }

    private String isoinfo(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("/usr/bin/isoinfo"));
        argv.addAll(List.of(args));
        ProcessOutcome o = runner.run(ProcessCommand.of(argv, ProcessCommand.minimalEnvironment(),
                Duration.ofSeconds(30)));
        assertThat(o.succeeded()).as(o.summary() + ": " + o.output()).isTrue();
        return o.output();
    }
}
