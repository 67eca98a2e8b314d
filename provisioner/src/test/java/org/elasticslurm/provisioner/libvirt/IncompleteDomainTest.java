package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.testsupport.TestDriverHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A creation rolled back half-way (the hypervisor went away while it was undone) can leave the node's domain
 * defined without its seed or overlay; the next resume makes it anew instead of starting a domain that cannot
 * start ("Cannot access storage file").
 */
@RequiresLibvirtLibrary
class IncompleteDomainTest {
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
    void aStoppedDomainWhoseSeedFileIsGoneIsMadeAnewWithASeed() {
        backend.ensureRunning(new MachineRequest("test1", "cloud", "op-1"));
        host.destroy("test1");
        Path seed = seeds.resolve("test1-seed.iso");
        assertThat(seed).exists();
        deleteQuietly(seed);

        backend.ensureRunning(new MachineRequest("test1", "cloud", "op-2"));

        assertThat(seed).as("the seed the domain boots with").exists();
        assertThat(host.domain("test1")).hasValueSatisfying(d -> {
            assertThat(d.state().active()).as("running").isTrue();
            assertThat(d.metadata().orElseThrow().operationId()).as("made by the second resume").isEqualTo("op-2");
        });
    }

    @Test
    void aStoppedDomainWhoseOverlayIsGoneIsMadeAnewWithAnOverlay() {
        backend.ensureRunning(new MachineRequest("test2", "cloud", "op-1"));
        host.destroy("test2");
        host.deleteVolume("images", "test2.qcow2");

        backend.ensureRunning(new MachineRequest("test2", "cloud", "op-2"));

        assertThat(host.volume("images", "test2.qcow2")).as("the overlay the domain boots from").isPresent();
        assertThat(host.domain("test2")).hasValueSatisfying(d -> assertThat(d.state().active()).isTrue());
    }

    @Test
    void aStoppedDomainWithEverythingItListsIsStartedAsItIs() {
        backend.ensureRunning(new MachineRequest("test1", "cloud", "op-1"));
        host.destroy("test1");

        backend.ensureRunning(new MachineRequest("test1", "cloud", "op-2"));

        assertThat(host.domain("test1")).hasValueSatisfying(d -> {
            assertThat(d.state().active()).isTrue();
            assertThat(d.metadata().orElseThrow().operationId()).as("the first resume's domain, kept")
                    .isEqualTo("op-1");
        });
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
