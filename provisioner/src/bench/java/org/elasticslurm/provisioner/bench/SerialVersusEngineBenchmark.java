package org.elasticslurm.provisioner.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.provisioner.backend.sim.SimBackend;
import org.elasticslurm.provisioner.backend.sim.SimSettings;
import org.elasticslurm.provisioner.operation.EngineSettings;
import org.elasticslurm.provisioner.operation.ExecutorTaskScheduler;
import org.elasticslurm.provisioner.operation.OperationEngine;
import org.elasticslurm.provisioner.operation.Phase;
import org.elasticslurm.provisioner.operation.Ports;
import org.elasticslurm.provisioner.operation.RetryPolicy;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.provisioner.testing.RecordingSlurm;
import org.elasticslurm.provisioner.testing.TestConfig;

/**
 * The original design (one request at a time: create a machine, wait for its address, tell Slurm, then the next
 * node) against the operation engine, on the sim backend with the same boot delay, for 50 nodes on the real
 * clock. Reports both wall times and their ratio.
 *
 * <p>Run: {@code provisioner/bin/bench SerialVersusEngineBenchmark [nodes] [bootMillis] [maxParallel]}.
 */
public final class SerialVersusEngineBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Duration boot = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 500);
        int maxParallel = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Duration poll = Duration.ofMillis(20);
        List<String> nodes = BenchSupport.names(n);
        Pools pools = TestConfig.pools(BenchSupport.conf(n), Map.of());

        MachineBackend serialBackend = sim(boot);
        RecordingSlurm serialSlurm = new RecordingSlurm();
        long t0 = System.nanoTime();
        for (String node : nodes) {
            serialBackend.ensureRunning(new MachineRequest(node, "default", "serial-" + node));
            Optional<String> address;
            while ((address = serialBackend.address(node)).isEmpty()) {
                BenchSupport.pause(poll);
            }
            serialSlurm.updateNodeAddress(node, address.get(), node);
        }
        double serial = (System.nanoTime() - t0) / 1e9;

        RecordingSlurm slurm = new RecordingSlurm();
        try (ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(maxParallel)) {
            OperationEngine engine = new OperationEngine(pools, new Ports(sim(boot), slurm, Optional.empty()), scheduler,
                    e -> { }, Clock.systemUTC(), new EngineSettings(Duration.ofMinutes(5), poll, Duration.ofMinutes(10),
                    new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0)));
            long t1 = System.nanoTime();
            engine.resume(nodes, Map.of());
            while (!engine.nodes().stream().allMatch(v -> v.phase() == Phase.READY)) {
                BenchSupport.pause(Duration.ofMillis(1));
            }
            double ours = (System.nanoTime() - t1) / 1e9;
            if (slurm.calls.size() != n || serialSlurm.calls.size() != n) {
                throw new IllegalStateException("not every node was reported to Slurm");
            }
            System.out.printf("%d nodes, sim boot delay %d ms, address poll %d ms (load %s)%n", n, boot.toMillis(),
                    poll.toMillis(), BenchSupport.load());
            System.out.printf("  one at a time (original design): %.2f s%n", serial);
            System.out.printf("  operation engine, max-parallel %d: %.2f s%n", maxParallel, ours);
            System.out.printf("  ratio: %.1fx%n", serial / ours);
        }
    }

    private static MachineBackend sim(Duration boot) {
        return new SimBackend(new SimSettings(boot, Duration.ZERO, 0.0, 0.0, 1, "10.99.0.1"), Clock.systemUTC());
    }
}
