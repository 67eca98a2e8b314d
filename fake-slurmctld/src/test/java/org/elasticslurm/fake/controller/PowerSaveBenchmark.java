package org.elasticslurm.fake.controller;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.conf.UnknownSlurmVersionException;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.hook.RecordingHookRunner;
import org.elasticslurm.fake.job.JobKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.sim.EventKernel;
import org.elasticslurm.fake.sim.cluster.SimulatedCloud;
import org.elasticslurm.fake.sim.cluster.SimulatedCluster;
import org.elasticslurm.fake.sim.cluster.SimulatedRun;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;

/**
 * Benchmark (a main, not a test): (1) 10,000 CLOUD nodes and 50,000 jobs arriving over one simulated day on the
 * virtual clock, with the controller emulating the Slurm version given (22.05 unless one is): wall time, heap,
 * events/s; (2) the Level 0 scenario (36 s of the real 22.05 daemon) in virtual time: speed-up over real time.
 *
 * <p>Run from the project root (builds the module with slurm-conf first):
 * <pre>
 * BENCH_JAVA_OPTS=-Xmx2g fake-slurmctld/bin/bench PowerSaveBenchmark [22.05|24.11|26.05]
 * </pre>
 */
public final class PowerSaveBenchmark {

    private static final int NODES = 10_000;
    private static final int JOBS = 50_000;
    private static final Duration DAY = Duration.ofDays(1);

    private PowerSaveBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1) {
            System.err.println("usage: PowerSaveBenchmark [VERSION] (one of " + SlurmVersion.known() + ")");
            System.exit(64);
        }
        SlurmVersion version;
        try {
            version = args.length == 0 ? SlurmVersion.V22_05 : SlurmVersion.parse(args[0], "the benchmark's argument");
        } catch (UnknownSlurmVersionException e) {
            System.err.println("PowerSaveBenchmark: " + e.getMessage());
            System.exit(64);
            return;
        }
        Path dir = Files.createTempDirectory("power-save-benchmark");
        day(dir.resolve("day"), version);
        level0(dir.resolve("level0"), 200);
    }

    private static void day(Path dir, SlurmVersion version) throws IOException {
        Files.createDirectories(dir.resolve("hooks"));
        for (String hook : List.of("suspend", "resume", "resumefail")) {
            Path p = dir.resolve("hooks").resolve(hook);
            Files.writeString(p, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String conf = String.join("\n",
                "ClusterName=bench",
                "SlurmctldHost=bench(127.0.0.1)",
                "SlurmctldDebug=info",
                "ReturnToService=2",
                "SuspendProgram=" + dir + "/hooks/suspend",
                "ResumeProgram=" + dir + "/hooks/resume",
                "ResumeFailProgram=" + dir + "/hooks/resumefail",
                "SuspendTime=600",
                "SuspendTimeout=30",
                "ResumeTimeout=300",
                "ResumeRate=0",
                "SuspendRate=0",
                "TreeWidth=300",
                "NodeName=c[1-" + NODES + "] State=CLOUD CPUs=4 RealMemory=1000",
                "PartitionName=cloud Nodes=c[1-" + NODES + "] Default=YES MaxTime=INFINITE State=UP",
                "");
        Path confFile = dir.resolve("slurm.conf");
        Files.writeString(confFile, conf);
        long parseStart = System.nanoTime();
        SlurmConf slurmConf = new SlurmConfParser().parse(confFile);
        long parseMillis = (System.nanoTime() - parseStart) / 1_000_000;

        Instant start = Instant.parse("2026-11-28T00:00:00Z");
        EventKernel kernel = new EventKernel(start, 2026);
        RecordingHookRunner hooks = new RecordingHookRunner(kernel, 10_000);
        SimulatedCluster cluster = new SimulatedCluster(kernel, start.minus(Duration.ofDays(30)));
        cluster.workload(launch -> new SimulatedRun(Duration.ofSeconds(60 + kernel.random().nextInt(2400)), 0, ""));
        SimulatedCloud cloud = new SimulatedCloud(kernel, cluster,
                node -> Duration.ofMillis(30_000 + kernel.random().nextInt(30_000)), 4, 1000);
        hooks.onStart(cloud::onHook);
        AtomicLong logLines = new AtomicLong();
        long buildStart = System.nanoTime();
        SlurmController controller = SlurmController.checkingPrograms(slurmConf, kernel,
                new ControllerPorts(hooks, cluster, cluster, record -> logLines.incrementAndGet()),
                ControllerOptions.of(confFile, dir).withVersion(version));
        cluster.attach(controller);
        controller.start();
        long buildMillis = (System.nanoTime() - buildStart) / 1_000_000;

        double meanGapMillis = DAY.toMillis() / (double) JOBS;
        long t = start.toEpochMilli();
        int[] srunCount = {0};
        int[] submitted = {0};
        for (int i = 0; i < JOBS; i++) {
            t += (long) (-Math.log(1 - kernel.random().nextDouble()) * meanGapMillis);
            if (t >= start.plus(DAY).toEpochMilli()) {
                break;
            }
            int nodes = 1 + kernel.random().nextInt(8);
            boolean interactive = kernel.random().nextInt(5) == 0;
            kernel.schedule(t, 5, () -> {
                submitted[0]++;
                if (interactive) {
                    srunCount[0]++;
                    new SimulatedSrun(controller, kernel, 30, 300, SlurmBehaviour.of(version))
                            .run(JobRequest.srunCount(nodes, List.of("work")));
                } else {
                    controller.submit(new JobRequest(JobKind.BATCH, "work", List.of("work"), Optional.empty(),
                            Optional.empty(), OptionalInt.of(nodes), Optional.empty(), Optional.empty(),
                            Optional.empty()), JobListener.NONE);
                }
            });
        }

        System.gc();
        long wallStart = System.nanoTime();
        kernel.runUntil(start.plus(DAY));
        long wallNanos = System.nanoTime() - wallStart;

        long events = kernel.executedEvents();
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long poweredUp = controller.allNodes().stream().filter(n -> !n.has(NodeState.POWERED_DOWN)).count();
        System.out.printf(Locale.ROOT, "day (as %s): %d CLOUD nodes, %d jobs submitted (%d srun), 1 simulated day%n",
                version, NODES, submitted[0], srunCount[0]);
        System.out.printf(Locale.ROOT, "  parse slurm.conf %d ms, build controller %d ms%n", parseMillis,
                buildMillis);
        System.out.printf(Locale.ROOT, "  wall %.2f s, events %,d (%,.0f events/s), power-save scans %d%n",
                wallNanos / 1e9, events, events / (wallNanos / 1e9), controller.powerSaveScans());
        System.out.printf(Locale.ROOT, "  heap used at end %.0f MiB, peak heap pools %.0f MiB (-Xmx %.0f MiB)%n",
                heapUsed / 1048576.0, peakHeap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        long woken = hooks.calls(HookKind.RESUME).stream()
                .mapToLong(c -> org.elasticslurm.conf.Hostlist.parse(c.hostlist()).size()).sum();
        System.out.printf(Locale.ROOT, "  nodes woken %d%n", woken);
        System.out.printf(Locale.ROOT, "  resume calls %d, suspend calls %d, log lines %,d, nodes up at end %d%n",
                hooks.calls(HookKind.RESUME).size(), hooks.calls(HookKind.SUSPEND).size(), logLines.get(), poweredUp);
    }

    private static void level0(Path base, int runs) throws IOException {
        String confText = SimLab.resource("level0.slurm.conf");
        for (int warm = 0; warm < 20; warm++) {
            runLevel0(base.resolve("warm" + warm), confText);
        }
        long total = 0;
        for (int i = 0; i < runs; i++) {
            total += runLevel0(base.resolve("run" + i), confText);
        }
        double perRun = total / (double) runs / 1e9;
        System.out.printf(Locale.ROOT, "level0 (as 22.05): 36 s of the real daemon in %.3f ms of wall time per run (%d runs):"
                + " %.0fx real time%n", perRun * 1000, runs, 36.0 / perRun);
    }

    private static long runLevel0(Path dir, String confText) throws IOException {
        Files.createDirectories(dir);
        long startNanos = System.nanoTime();
        SimLab lab = SimLab.conf(dir, confText).start();
        lab.runUntil(0);
        SimulatedSrun srun = lab.srun("node1", "hostname");
        lab.kernel.schedule(SimLab.at(3.6), 0, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));
        lab.runUntil(36);
        long nanos = System.nanoTime() - startNanos;
        if (!lab.state("node1").equals("IDLE+CLOUD+POWERED_DOWN") || srun.exitCode().orElse(-1) != 0) {
            throw new IllegalStateException("level0 did not end as the real daemon: " + lab.state("node1"));
        }
        return nanos;
    }
}
