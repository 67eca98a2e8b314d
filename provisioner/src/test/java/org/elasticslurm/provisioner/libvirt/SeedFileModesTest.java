package org.elasticslurm.provisioner.libvirt;

import org.elasticslurm.testsupport.TestDriverHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds carry the munge key: the files written into seed-directory are the owner's alone. */
@RequiresLibvirtLibrary
class SeedFileModesTest {
    @TempDir
    Path dir;
    Path seeds;
    LibvirtHypervisor host;
    LibvirtBackend backend;

    @BeforeEach
    void setUp() throws IOException {
        seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(dir.resolve("slurm.conf"), "ClusterName=lab\nNodeName=test[1-4] State=CLOUD\n");
        Files.write(dir.resolve("munge.key"), "the-munge-key-0123456789".getBytes(StandardCharsets.US_ASCII));
        host = LibvirtHypervisor.open(TestDriverHost.withCpus(4).memoryMiB(8192).write(dir, "h1"));
        LibvirtSettings settings = new LibvirtSettings(List.of(host.uri()), Path.of("/usr/bin/qemu-system-x86_64"),
                Duration.ofSeconds(10), Optional.empty(), Path.of("/usr/bin/genisoimage"), Duration.ofSeconds(2), dir,
                dir.resolve("slurm.conf"), LibvirtSettings.SeedWriter.GENISOIMAGE, "lab", Optional.empty());
        CreatePoolSpec pool = new CreatePoolSpec("cloud", List.of("test1", "test2"), Optional.empty(), "{node}",
                "images", "base.qcow2", 1024, 1, DomainTypePolicy.AUTO, Optional.empty(),
                Optional.of(new CreatePoolSpec.Network("lab", false)), "52:54:00",
                new CreatePoolSpec.Seed(Optional.empty(), dir.resolve("munge.key"), Map.of(),
                        CreatePoolSpec.NetworkConfigMode.DHCP, 24, Optional.empty(), List.of(),
                        CreatePoolSpec.SeedBus.SCSI, Optional.of(seeds)), StaticAddressMap.empty(), false,
                Optional.empty());
        backend = LibvirtBackend.create(settings, List.of(pool), Clock.systemUTC(), List.of(host));
    }

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void aSeedWrittenToTheSeedDirectoryIsReadableAndWritableByItsOwnerOnly() throws IOException {
        backend.ensureRunning(new MachineRequest("test1", "cloud", "op-1"));

        Path seed = seeds.resolve("test1-seed.iso");
        assertThat(new String(Files.readAllBytes(seed), StandardCharsets.ISO_8859_1)).contains(java.util.Base64.getEncoder()
                .encodeToString("the-munge-key-0123456789".getBytes(StandardCharsets.US_ASCII)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(seed))).isEqualTo("rw-------");
    }

    @Test
    void aSeedLeftBehindWithAWiderModeIsReplacedByAPrivateOne() throws IOException {
        Path seed = seeds.resolve("test2-seed.iso");
        Files.write(seed, new byte[] {1});
        Files.setPosixFilePermissions(seed, PosixFilePermissions.fromString("rw-rw-rw-"));

        backend.ensureRunning(new MachineRequest("test2", "cloud", "op-2"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(seed))).isEqualTo("rw-------");
        assertThat(Files.size(seed)).isGreaterThan(1);
    }

    @Test
    void aSeedThatCannotBeWrittenNamesTheCause() throws IOException {
        Files.delete(seeds);

        assertThatThrownBy(() -> backend.ensureRunning(new MachineRequest("test1", "cloud", "op-1")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("cannot write seed " + seeds.resolve("test1-seed.iso")
                        + ": No such file or directory");
    }
}
