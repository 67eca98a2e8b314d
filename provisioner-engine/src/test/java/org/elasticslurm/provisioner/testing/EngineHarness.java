package org.elasticslurm.provisioner.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.PostConfigurer;
import org.elasticslurm.provisioner.backend.sim.SimBackend;
import org.elasticslurm.provisioner.backend.sim.SimSettings;
import org.elasticslurm.provisioner.operation.EngineSettings;
import org.elasticslurm.provisioner.operation.NodeView;
import org.elasticslurm.provisioner.operation.OperationEngine;
import org.elasticslurm.provisioner.operation.OperationEvent;
import org.elasticslurm.provisioner.operation.OperationJournal;
import org.elasticslurm.provisioner.operation.Phase;
import org.elasticslurm.provisioner.operation.Ports;
import org.elasticslurm.provisioner.operation.RetryPolicy;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.testsupport.MutableClock;

/** An engine on virtual time with a simulated backend and a recording Slurm port. */
public final class EngineHarness {
    public static final Duration BOOT = Duration.ofSeconds(30);
    public static final Duration POLL = Duration.ofSeconds(2);
    public static final Duration ADDRESS_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration GRACE = Duration.ofMinutes(10);
    public static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0);

    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final VirtualScheduler scheduler = new VirtualScheduler(clock);
    public final RecordingSlurm slurm = new RecordingSlurm();
    public final List<OperationEvent> events = Collections.synchronizedList(new ArrayList<>());
    public final MachineBackend backend;
    public final Pools pools;
    public final OperationEngine engine;

    public EngineHarness() {
        this(TestPools.of(TestConf.CLOUD8, Map.of()), c -> sim(c, BOOT), Optional.empty());
    }

    public EngineHarness(Pools pools, java.util.function.Function<MutableClock, MachineBackend> backend,
                         Optional<PostConfigurer> postConfigurer) {
        this(pools, backend, postConfigurer, OperationJournal.NONE);
    }

    /** An engine that records its transitions in {@code journal} (the other events still reach {@link #events}). */
    public EngineHarness(Pools pools, java.util.function.Function<MutableClock, MachineBackend> backend,
                         Optional<PostConfigurer> postConfigurer, OperationJournal journal) {
        this.pools = pools;
        this.backend = backend.apply(clock);
        this.engine = new OperationEngine(pools, new Ports(this.backend, slurm, postConfigurer), scheduler,
                journal, events::add, clock, new EngineSettings(ADDRESS_TIMEOUT, POLL, GRACE, RETRY));
    }

    /** The default pools on a simulated backend with a 30 s boot, recording into {@code journal}. */
    public static EngineHarness journaled(OperationJournal journal) {
        return new EngineHarness(TestPools.of(TestConf.CLOUD8, Map.of()), c -> sim(c, BOOT), Optional.empty(),
                journal);
    }

    public static SimBackend sim(MutableClock clock, Duration boot) {
        return new SimBackend(new SimSettings(boot, Duration.ZERO, 0.0, 0.0, 42, "10.99.0.1"), clock);
    }

    public NodeView node(String name) {
        return engine.node(name).orElseThrow();
    }

    public Phase phase(String name) {
        return node(name).phase();
    }
}
