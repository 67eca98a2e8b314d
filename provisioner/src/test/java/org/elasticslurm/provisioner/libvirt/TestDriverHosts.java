package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.testsupport.TestDriverHost;

/**
 * Hosts of libvirt's test driver in a test's directory (node files), the files a create pool needs there (seed
 * directory, slurm.conf with test[1-4], munge key), and libvirt backends on them; {@link #close} closes the hosts.
 */
final class TestDriverHosts implements AutoCloseable {
    /** The owner of the backends' machines. */
    static final String OWNER = "lab";

    final Path dir;
    final Path seeds;
    private final List<LibvirtHypervisor> opened = new ArrayList<>();

    TestDriverHosts(Path dir) throws IOException {
        this.dir = dir;
        this.seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(dir.resolve("slurm.conf"), "ClusterName=lab\nNodeName=test[1-4] State=CLOUD\n");
        Files.write(dir.resolve("munge.key"), new byte[] {7, 7, 7, 7});
    }

    /** A host of its own with this many CPUs and this much memory, closed with the others. */
    LibvirtHypervisor host(String name, int cpus, int memoryMiB) {
        LibvirtHypervisor h = LibvirtHypervisor.open(TestDriverHost.withCpus(cpus).memoryMiB(memoryMiB).write(dir, name));
        opened.add(h);
        return h;
    }

    /** A host of 4 CPUs and 8 GiB. */
    LibvirtHypervisor host(String name) {
        return host(name, 4, 8192);
    }

    /** A host that refuses every call (but its URI and close) while {@code down} is set, as a stopped libvirtd does. */
    static Hypervisor switchable(Hypervisor real, AtomicBoolean down) {
        return (Hypervisor) Proxy.newProxyInstance(Hypervisor.class.getClassLoader(), new Class<?>[] {Hypervisor.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("uri") && !method.getName().equals("close") && down.get()) {
                        throw new BackendException(real.uri() + ": cannot connect: Connection refused", true, null);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A create pool of 1-vCPU machines on network {@code lab}, seeds in {@link #seeds}. */
    CreatePoolSpec createPool(String name, List<String> nodes, Optional<String> uri, int memoryMiB,
                              StaticAddressMap addresses) {
        return new CreatePoolSpec(name, nodes, uri, "{node}", "images", "base.qcow2", memoryMiB, 1,
                DomainTypePolicy.AUTO, Optional.empty(), Optional.of(new CreatePoolSpec.Network("lab", false)),
                "52:54:00", new CreatePoolSpec.Seed(Optional.empty(), dir.resolve("munge.key"), Map.of(),
                CreatePoolSpec.NetworkConfigMode.DHCP, 24, Optional.empty(), List.of(), CreatePoolSpec.SeedBus.SCSI,
                Optional.of(seeds)), addresses, false, Optional.empty());
    }

    /** A create pool of 1 GiB machines without static addresses. */
    CreatePoolSpec createPool(String name, List<String> nodes, Optional<String> uri) {
        return createPool(name, nodes, uri, 1024, StaticAddressMap.empty());
    }

    /** The backend settings for these hosts: seeds made by {@code genisoimage}, machines of {@code owner}. */
    LibvirtSettings settings(List<Hypervisor> hosts, Path genisoimage, String owner) {
        return new LibvirtSettings(hosts.stream().map(Hypervisor::uri).toList(), Path.of("/usr/bin/qemu-system-x86_64"),
                Duration.ofSeconds(10), Optional.empty(), genisoimage, Duration.ofSeconds(2), dir,
                dir.resolve("slurm.conf"), LibvirtSettings.SeedWriter.GENISOIMAGE, owner, Optional.empty());
    }

    /** A backend of {@link #OWNER} on these hosts. */
    LibvirtBackend backend(Clock clock, List<Hypervisor> hosts, PoolSpec... pools) {
        return LibvirtBackend.create(settings(hosts, Path.of("/usr/bin/genisoimage"), OWNER), List.of(pools), clock,
                hosts);
    }

    @Override
    public void close() {
        opened.forEach(LibvirtHypervisor::close);
    }
}
