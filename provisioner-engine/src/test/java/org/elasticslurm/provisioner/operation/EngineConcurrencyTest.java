package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.provisioner.backend.sim.SimBackend;
import org.elasticslurm.provisioner.backend.sim.SimSettings;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.provisioner.testing.ObservedBackend;
import org.elasticslurm.provisioner.testing.RecordingSlurm;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine on real threads: bounded parallelism, serialization per node, idempotency under contention. */
class EngineConcurrencyTest {
    private final Pools pools = TestPools.of(TestConf.CLOUD8, Map.of());
    private final RecordingSlurm slurm = new RecordingSlurm();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private OperationEngine engine(ObservedBackend backend, int maxParallel) {
        ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(maxParallel);
        closeables.add(scheduler);
        return new OperationEngine(pools, new Ports(backend, slurm, Optional.empty()), scheduler, e -> { },
                Clock.systemUTC(), new EngineSettings(Duration.ofSeconds(30), Duration.ofMillis(5),
                Duration.ofMinutes(10), new RetryPolicy(8, Duration.ofMillis(5), Duration.ofMillis(20), 2.0)));
    }

    private static ObservedBackend instantSim(double transientFailures) {
        Clock clock = Clock.systemUTC();
        SimBackend sim = new SimBackend(new SimSettings(Duration.ZERO, Duration.ZERO, 0.0, transientFailures, 7,
                "10.99.0.1"), clock);
        return new ObservedBackend(sim, clock);
    }

    @Test
    void noMoreBackendCallsRunAtOnceThanMaxParallel() throws Exception {
        ObservedBackend backend = instantSim(0.0);
        Semaphore gate = new Semaphore(0);
        backend.duringEnsure = r -> gate.acquireUninterruptibly();
        OperationEngine engine = engine(backend, 3);

        engine.resume(List.of("test1", "test2", "test3", "test4", "test5", "test6", "test7", "test8"), Map.of());

        await("3 creations in progress").atMost(Duration.ofSeconds(10)).until(() -> backend.inProgress.get() == 3);
        await("still only 3 in progress").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> backend.inProgress.get() == 3);
        gate.release(100);
        await("all 8 READY").atMost(Duration.ofSeconds(10))
                .until(() -> engine.nodes().stream().allMatch(n -> n.phase() == Phase.READY));
        assertThat(backend.maxInProgress.get()).isEqualTo(3);
        assertThat(slurm.calls).hasSize(8);
    }

    @Test
    void concurrentResumesAndSuspendsNeverOverlapOnANodeNorMakeTwoMachines() throws Exception {
        ObservedBackend backend = instantSim(0.1);
        OperationEngine engine = engine(backend, 4);
        List<String> nodes = List.of("test1", "test2", "test3", "test4");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            SplittableRandom random = new SplittableRandom(t);
            done.add(clients.submit(() -> {
                start.await();
                for (int i = 0; i < 300; i++) {
                    List<String> some = List.of(nodes.get(random.nextInt(nodes.size())));
                    if (random.nextBoolean()) {
                        engine.resume(some, Map.of());
                    } else {
                        engine.suspend(some);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        clients.shutdown();

        List<String> ids = engine.resume(nodes, Map.of()).stream().map(OperationView::id).toList();
        await("all four READY").atMost(Duration.ofSeconds(20))
                .until(() -> engine.nodes().stream().filter(n -> nodes.contains(n.name())).allMatch(n -> n.phase() == Phase.READY));

        assertThat(backend.violations).isEmpty();
        assertThat(backend.list()).extracting(m -> m.node()).containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(engine.resume(nodes, Map.of()).stream().map(OperationView::id).toList())
                .as("a resume of READY nodes returns the operations that made them ready").isEqualTo(ids);

        engine.suspend(nodes);
        await("all four POWERED_DOWN").atMost(Duration.ofSeconds(20))
                .until(() -> engine.nodes().stream().filter(n -> nodes.contains(n.name()))
                        .allMatch(n -> n.phase() == Phase.POWERED_DOWN));
        assertThat(backend.list()).isEmpty();
        assertThat(backend.violations).isEmpty();
    }
}
