package org.elasticslurm.provisioner.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.libvirt.Connect;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * Benchmark: N nodes to "running" through libvirt's built-in {@code test:///default} driver, with the full
 * Level 3 path (placement, overlay clone, NoCloud seed built by genisoimage, definition with metadata, start)
 * and the Level 2 path (start of existing domains), called from {@code threads} workers as the operation engine
 * would. Then all are released.
 *
 * <p>Run: {@code provisioner/bin/bench TestDriverBenchmark [nodes [threads]]} (default 1000 16).
 */
public final class TestDriverBenchmark {
    private TestDriverBenchmark() {
    }

    /** Arguments: number of nodes (1000), worker threads (16). */
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        java.util.logging.Logger.getLogger("org.elasticslurm.provisioner.libvirt").setLevel(Level.SEVERE);
        Path dir = Files.createTempDirectory("es-bench-");
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(dir.resolve("slurm.conf"), "ClusterName=bench\n");
        Files.write(dir.resolve("munge.key"), new byte[1024]);
        try {
            run(nodes, threads, dir, seeds);
        } finally {
            TinyGuest.deleteTree(dir);
        }
    }

    private static void run(int nodes, int threads, Path dir, Path seeds) throws Exception {
        // test:///default keeps its state while a connection is open: this one holds it for the whole run
        try (LibvirtHypervisor host = LibvirtHypervisor.open("test:///default")) {
            Connect admin = new Connect("test:///default");
            try {
                StoragePool pool = admin.storagePoolLookupByName("default-pool");
                StorageVol base = pool.storageVolCreateXML("<volume><name>bench-base.qcow2</name><capacity unit='MiB'>"
                        + "1</capacity><target><format type='qcow2'/></target></volume>", 0);
                base.free();
                pool.free();

                List<String> created = names("c", nodes);
                List<String> existing = names("e", nodes);
                for (String n : existing) {
                    host.define(new DomainSpec(n, "test", "i686", 64, 1, Optional.empty(), List.of(), Optional.empty(),
                            Optional.empty(), false, Optional.empty()));
                }
                CreatePoolSpec createPool = new CreatePoolSpec("cloud", created, Optional.empty(), "{node}",
                        "default-pool", "bench-base.qcow2", 64, 1, DomainTypePolicy.AUTO, Optional.empty(),
                        Optional.of(new CreatePoolSpec.Network("default", false)), "52:54:00",
                        new CreatePoolSpec.Seed(Optional.empty(), dir.resolve("munge.key"), Map.of(),
                                CreatePoolSpec.NetworkConfigMode.DHCP, 24, Optional.empty(), List.of(),
                                CreatePoolSpec.SeedBus.SCSI, Optional.of(seeds)), StaticAddressMap.empty(), false,
                        Optional.empty());
                ExistingPoolSpec existingPool = new ExistingPoolSpec("static", existing, Optional.empty(), "{node}",
                        Duration.ofSeconds(30), StaticAddressMap.empty(), false);
                LibvirtSettings settings = new LibvirtSettings(List.of(host.uri()),
                        Path.of("/usr/bin/qemu-system-x86_64"), Duration.ofSeconds(10), Optional.empty(),
                        Path.of("/usr/bin/genisoimage"), Duration.ofSeconds(2), dir, dir.resolve("slurm.conf"),
                        LibvirtSettings.SeedWriter.GENISOIMAGE, "bench", Optional.empty());
                LibvirtBackend backend = LibvirtBackend.create(settings, List.of(createPool, existingPool),
                        Clock.systemUTC(), List.of(host));

                System.out.printf("%d nodes, %d worker threads, test:///default%n", nodes, threads);
                run("Level 3 create (clone + genisoimage seed + define + start)", created, threads,
                        n -> backend.ensureRunning(new MachineRequest(n, "cloud", "op-" + n)));
                report("running after create", host, created);
                run("Level 2 existing (metadata + start)", existing, threads,
                        n -> backend.ensureRunning(new MachineRequest(n, "static", "op-" + n)));
                report("running after start", host, existing);
                run("list() of all machines", List.of("list"), 1, n -> System.out.printf("  list() saw %d machines%n",
                        backend.list().size()));
                run("Level 3 release (destroy + undefine + delete volume and seed)", created, threads,
                        n -> backend.release(n, "cloud"));
                run("Level 2 release (shutdown)", existing, threads, n -> backend.release(n, "static"));
                long left = host.domains().stream().filter(d -> d.name().startsWith("bench-c")).count();
                try (var files = Files.list(seeds)) {
                    System.out.printf("left behind: %d created domains, %d seed files%n", left, files.count());
                }
                existing.forEach(host::undefine);
            } finally {
                admin.close();
            }
        }
    }

    private interface Step {
        void run(String node) throws Exception;
    }

    private static List<String> names(String kind, int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add("bench-" + kind + i);
        }
        return names;
    }

    private static void run(String what, List<String> nodes, int threads, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] latencies = new long[nodes.size()];
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                long t = System.nanoTime();
                step.run(nodes.get(k));
                latencies[k] = System.nanoTime() - t;
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long total = System.nanoTime() - start;
        Arrays.sort(latencies);
        System.out.printf("%-62s %6d ms total, %7.0f/s, per call p50 %5.1f ms p99 %6.1f ms%n", what,
                total / 1_000_000, nodes.size() / (total / 1e9), latencies[latencies.length / 2] / 1e6,
                latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] / 1e6);
    }

    private static void report(String what, Hypervisor host, List<String> nodes) {
        java.util.Set<String> wanted = new java.util.HashSet<>(nodes);
        long running = host.domains().stream().filter(d -> wanted.contains(d.name()))
                .filter(d -> d.state() == DomainState.RUNNING).count();
        System.out.printf("  %s: %d of %d%n", what, running, nodes.size());
    }
}
