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
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@CpuCost(0) // genisoimage on a few small files
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
    void furtherSeedFilesLieBesideTheCloudInitFilesWithTheirContent() throws IOException {
        byte[] tarball = new byte[300_000];
        new java.util.Random(11).nextBytes(tarball);
        Path source = Files.write(dir.resolve("source.bin"), tarball);
        Path script = Files.writeString(dir.resolve("setup.sh"), "#!/bin/sh\necho hello\n");
        NoCloudSeed seed = new NoCloudSeed("instance-id: a\nlocal-hostname: test1\n", "#cloud-config\n",
                Optional.empty());

        byte[] iso = new SeedIsoBuilder(runner, Path.of("/usr/bin/genisoimage"), dir).build(seed,
                Map.of("fake-slurmd.tar.gz", source, "setup.sh", script));
        Path file = Files.write(dir.resolve("seed.iso"), iso);

        assertThat(isoinfo("-R", "-i", file.toString(), "-f").lines().toList())
                .containsExactlyInAnyOrder("/meta-data", "/user-data", "/fake-slurmd.tar.gz", "/setup.sh");
        Path extracted = dir.resolve("extracted.bin");
        ProcessOutcome o = runner.run(ProcessCommand.of(List.of("/bin/sh", "-c",
                "/usr/bin/isoinfo -R -i \"$1\" -x /fake-slurmd.tar.gz > \"$2\"", "sh", file.toString(),
                extracted.toString()), ProcessCommand.minimalEnvironment(), Duration.ofSeconds(30)));
        assertThat(o.succeeded()).as(o.output()).isTrue();
        assertThat(Files.readAllBytes(extracted)).isEqualTo(tarball);
        assertThat(isoinfo("-R", "-i", file.toString(), "-x", "/setup.sh")).isEqualTo("#!/bin/sh\necho hello\n");
    }

    private byte[] extract(Path iso, String name) throws IOException {
        Path out = dir.resolve("extracted-" + name);
        ProcessOutcome o = runner.run(ProcessCommand.of(List.of("/bin/sh", "-c",
                "/usr/bin/isoinfo -R -i \"$1\" -x \"/$2\" > \"$3\"", "sh", iso.toString(), name, out.toString()),
                ProcessCommand.minimalEnvironment(), Duration.ofSeconds(30)));
        assertThat(o.succeeded()).as(o.output()).isTrue();
        return Files.readAllBytes(out);
    }

    @Test
    void aBuiltInSeedIsReadByIsoinfoWithItsLabelRockRidgeNamesAndContents() throws IOException {
        byte[] tarball = new byte[300_000];
        new java.util.Random(5).nextBytes(tarball);
        Path source = Files.write(dir.resolve("source.bin"), tarball);
        NoCloudSeed seed = new NoCloudSeed("instance-id: i-1\nlocal-hostname: test1\n", "#cloud-config\nhostname: x\n",
                Optional.of("version: 2\n"));
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-28T18:00:00Z"),
                java.time.ZoneOffset.UTC);

        byte[] iso = SeedIsoBuilder.builtIn(clock).build(seed, Map.of("fake-slurmd.tar.gz", source));
        Path file = Files.write(dir.resolve("seed.iso"), iso);

        assertThat(isoinfo("-d", "-i", file.toString())).contains("Volume id: cidata", "Rock Ridge signatures version 1");
        assertThat(isoinfo("-R", "-i", file.toString(), "-f").lines().toList()).containsExactlyInAnyOrder(
                "/meta-data", "/user-data", "/network-config", "/fake-slurmd.tar.gz");
        assertThat(new String(extract(file, "meta-data"))).isEqualTo("instance-id: i-1\nlocal-hostname: test1\n");
        assertThat(new String(extract(file, "user-data"))).isEqualTo("#cloud-config\nhostname: x\n");
        assertThat(new String(extract(file, "network-config"))).isEqualTo("version: 2\n");
        assertThat(extract(file, "fake-slurmd.tar.gz")).isEqualTo(tarball);
        assertThat(isoinfo("-R", "-l", "-i", file.toString())).contains("-r--r--r--", "2026");
    }

    @Test
    void aBuiltInImageWithManyFilesSpansSeveralDirectorySectorsAndKeepsEveryName() throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        for (int i = 0; i < 80; i++) {
            files.put("file-with-a-rather-long-name-" + i + ".data", ("content " + i + "\n").getBytes());
        }
        files.put("a-b", "dash\n".getBytes());
        files.put("a_b", "underscore\n".getBytes());
        files.put("empty", new byte[0]);
        Path file = Files.write(dir.resolve("many.iso"), IsoImage.write("cidata", files,
                java.time.Instant.parse("2026-11-28T18:00:00Z")));

        assertThat(isoinfo("-R", "-i", file.toString(), "-f").lines().toList())
                .containsExactlyInAnyOrderElementsOf(files.keySet().stream().map(n -> "/" + n).toList());
        assertThat(new String(extract(file, "file-with-a-rather-long-name-79.data"))).isEqualTo("content 79\n");
        assertThat(new String(extract(file, "a-b"))).isEqualTo("dash\n");
        assertThat(new String(extract(file, "a_b"))).isEqualTo("underscore\n");
        assertThat(extract(file, "empty")).isEmpty();
    }

    @Test
    void badSeedFileNamesAreRefusedBeforeAnythingRuns() {
        NoCloudSeed seed = new NoCloudSeed("instance-id: a\n", "#cloud-config\n", Optional.empty());

        assertThatThrownBy(() -> new SeedIsoBuilder(runner, Path.of("/usr/bin/genisoimage"), dir).build(seed,
                Map.of("meta-data", dir, "../x", dir)))
                .isInstanceOf(SeedException.class)
                .hasMessageContaining("seed-files.\"meta-data\": meta-data is a cloud-init file of the seed itself")
                .hasMessageContaining("seed-files.\"../x\": a seed file name uses letters");
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
