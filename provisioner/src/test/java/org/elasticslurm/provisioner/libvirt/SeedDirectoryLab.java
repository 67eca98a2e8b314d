package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.testsupport.TestDriverHost;

/**
 * A libvirt backend on a test driver host with one {@code create} pool ({@code cloud}: nodes test1 and test2,
 * storage pool {@code images}) whose seeds are files of a seed directory; munge key {@code the-munge-key-0123456789}.
 * Closed with its host.
 *
 * @param host the test driver host
 * @param backend the backend
 * @param seeds the seed directory
 */
record SeedDirectoryLab(LibvirtHypervisor host, LibvirtBackend backend, Path seeds)
        implements AutoCloseable {

    /** Makes the lab's files in {@code dir} and opens its host. */
    static SeedDirectoryLab open(Path dir) throws IOException {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(dir.resolve("slurm.conf"), "ClusterName=lab\nNodeName=test[1-4] State=CLOUD\n");
        Files.write(dir.resolve("munge.key"), "the-munge-key-0123456789".getBytes(StandardCharsets.US_ASCII));
        LibvirtHypervisor host = LibvirtHypervisor.open(TestDriverHost.withCpus(4).memoryMiB(8192).write(dir, "h1"));
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
        return new SeedDirectoryLab(host, LibvirtBackend.create(settings, List.of(pool), Clock.systemUTC(),
                List.of(host)), seeds);
    }

    @Override
    public void close() {
        host.close();
    }
}
