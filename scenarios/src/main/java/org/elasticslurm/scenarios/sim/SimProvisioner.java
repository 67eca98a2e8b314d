package org.elasticslurm.scenarios.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.fake.api.Scheduler;
import org.elasticslurm.provisioner.operation.EngineSettings;
import org.elasticslurm.provisioner.operation.NodeSelector;
import org.elasticslurm.provisioner.operation.OperationEngine;
import org.elasticslurm.provisioner.operation.OperationEvent;
import org.elasticslurm.provisioner.operation.OperationKind;
import org.elasticslurm.provisioner.operation.OperationStatus;
import org.elasticslurm.provisioner.operation.Phase;
import org.elasticslurm.provisioner.operation.Ports;
import org.elasticslurm.provisioner.operation.RequestRejectedException;
import org.elasticslurm.provisioner.operation.RetryPolicy;
import org.elasticslurm.provisioner.pool.PoolDefinition;
import org.elasticslurm.provisioner.pool.PoolMode;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.provisioner.pool.PostConfig;
import org.elasticslurm.provisioner.slurm.SlurmController;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * The provisioner on the sim target: the provisioner's own {@link OperationEngine} on the event kernel's virtual
 * clock, with {@link SimMachines} as its backend and the simulated slurmctld behind its Slurm port. The hook clients
 * hand their hostlists to it as the service's API does (checked by {@link NodeSelector}, then one operation per
 * node); every transition of an operation is a provisioner log line, worded as the other targets show the service's
 * operation log, and the stages of each node's resume are noted for reports.
 */
final class SimProvisioner {

    /** What the provisioner does to the rest of the lab. */
    interface Lab {
        /** slurmd starts on the node's machine (fresh boot time). */
        void slurmdStarted(String node);

        /** The node's machine stopped: its slurmd is gone. */
        void machineStopped(String node);

        /** A provisioner log line. */
        void log(String line);

        /** A stage of a node's resume, for reports. */
        void stage(Stage stage);

        /** Scenario time now. */
        Duration now();
    }

    private static final int MAX_NODES_PER_REQUEST = 10_000;
    private static final Duration POST_CONFIG_TIMEOUT = Duration.ofMinutes(10);

    private final Lab lab;
    private final BackendFaults faults = new BackendFaults();
    private final SimMachines machines;
    private final OperationEngine engine;
    private final NodeSelector selector;
    private final Map<String, Duration> operationStart = new HashMap<>();
    private boolean running = true;

    /**
     * @param kernel the virtual clock the engine's steps and the machines' boots run on
     * @param setup the scenario's provisioner
     * @param conf the scenario's slurm.conf (the pools' nodes are its CLOUD nodes)
     * @param bootDelay how long a machine takes to boot
     * @param slurm the simulated slurmctld
     * @param lab what the provisioner acts on
     */
    SimProvisioner(Scheduler kernel, ProvisionerSetup setup, SlurmConf conf, Duration bootDelay,
                   SlurmController slurm, Lab lab) {
        this.lab = lab;
        this.machines = new SimMachines(kernel, setup, bootDelay, faults, new SimMachines.Guests() {
            @Override
            public void slurmdStarted(String node) {
                lab.slurmdStarted(node);
                stage(node, "slurmd started");
            }

            @Override
            public void slurmdGone(String node) {
                lab.machineStopped(node);
            }

            @Override
            public void log(String line) {
                lab.log(line);
            }
        });
        Pools pools = pools(setup, conf);
        Clock clock = new KernelClock(kernel);
        this.engine = new OperationEngine(pools, new Ports(machines, slurm, Optional.of(machines.postConfigurer())),
                new KernelTaskScheduler(kernel), this::record, clock, settings(setup.properties()));
        this.selector = new NodeSelector(pools, MAX_NODES_PER_REQUEST);
    }

    private static Pools pools(ProvisionerSetup setup, SlurmConf conf) {
        Map<String, PoolDefinition> definitions = new LinkedHashMap<>();
        for (ProvisionerSetup.Pool p : setup.pools()) {
            PostConfig post = new PostConfig(p.postConfig().isEmpty() ? Optional.empty() : Optional.of(p.postConfig()),
                    POST_CONFIG_TIMEOUT);
            definitions.put(p.name(), new PoolDefinition(Optional.of(p.nodes()),
                    p.mode() == ProvisionerSetup.Mode.CREATE ? PoolMode.CREATE : PoolMode.EXISTING, post));
        }
        PoolDefinition none = new PoolDefinition(Optional.empty(), PoolMode.CREATE,
                new PostConfig(Optional.empty(), POST_CONFIG_TIMEOUT));
        return Pools.resolve(definitions, none, conf);
    }

    /** The service's timing defaults, or the scenario's {@code provisioner.*} keys where it gives them. */
    private static EngineSettings settings(Map<String, String> p) {
        RetryPolicy retry = new RetryPolicy(
                Integer.parseInt(p.getOrDefault("provisioner.retry.max-attempts", "4")),
                duration(p, "provisioner.retry.initial-backoff", "1s"),
                duration(p, "provisioner.retry.max-backoff", "30s"),
                Double.parseDouble(p.getOrDefault("provisioner.retry.multiplier", "2.0")));
        return new EngineSettings(duration(p, "provisioner.address-timeout", "5m"),
                duration(p, "provisioner.address-poll-interval", "0.5s"),
                duration(p, "provisioner.orphan-grace", "10m"), retry);
    }

    private static Duration duration(Map<String, String> properties, String key, String fallback) {
        return Durations.parse(properties.getOrDefault(key, fallback));
    }

    /** Whether the hook clients can reach it (it runs and no {@code unreachable} fault hits). */
    boolean reachable(String hostlist) {
        if (!running) {
            return false;
        }
        for (String node : Hostlist.parse(hostlist).names()) {
            if (faults.hit(FaultKind.UNREACHABLE, node)) {
                return false;
            }
        }
        return true;
    }

    void stop() {
        running = false;
        lab.log("provisioner stopped");
    }

    void restart() {
        running = true;
        lab.log("provisioner started");
    }

    void inject(Step.InjectFault f) {
        faults.inject(f);
        lab.log("backend fault injected: " + f.fault() + f.nodes().map(n -> " on " + n).orElse(""));
    }

    /**
     * {@code slurm-resume HOSTLIST}, {@code slurm-suspend HOSTLIST} or {@code slurm-resume-fail HOSTLIST} as the
     * service's API takes it.
     *
     * @return why the request was refused (the client then exits 1), or empty when it was accepted
     */
    Optional<String> request(OperationKind kind, String hostlist) {
        try {
            List<String> names = selector.select(hostlist);
            switch (kind) {
                case RESUME -> engine.resume(names, Map.of());
                case SUSPEND -> engine.suspend(names);
                case RESUME_FAIL -> engine.resumeFail(names);
                default -> throw new IllegalArgumentException(kind.toString());
            }
            return Optional.empty();
        } catch (RequestRejectedException e) {
            lab.log(kind.name().toLowerCase().replace('_', '-') + " " + hostlist + " refused: " + e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    /** The machines of the run that exist now. */
    List<String> machinesLeft() {
        return machines.left();
    }

    /** One transition of the engine: a log line, and a stage when it is one. */
    private void record(OperationEvent e) {
        lab.log(e.kind().name().toLowerCase().replace('_', '-') + " " + e.node() + ": " + e.phase() + " "
                + e.status() + e.message().map(m -> " (" + m + ")").orElse(""));
        boolean create = machines.creates(e.node());
        if (e.status() == OperationStatus.RUNNING && "started".equals(e.message().orElse(""))) {
            operationStart.put(e.node(), lab.now());
        } else if (e.kind() == OperationKind.RESUME && e.phase() == Phase.BOOTING
                && e.message().orElse("").startsWith("machine ")) {
            stage(e.node(), create ? "machine created" : "machine started");
        } else if (e.kind() == OperationKind.RESUME && e.message().orElse("").startsWith("address ")) {
            stage(e.node(), e.message().get());
        } else if (e.kind().releases() && e.status() == OperationStatus.SUCCEEDED) {
            stage(e.node(), create ? "machine destroyed" : "machine shut off");
        }
    }

    private void stage(String node, String name) {
        Duration t0 = operationStart.getOrDefault(node, lab.now());
        lab.stage(new Stage(node, name, t0, lab.now().minus(t0)));
    }
}
