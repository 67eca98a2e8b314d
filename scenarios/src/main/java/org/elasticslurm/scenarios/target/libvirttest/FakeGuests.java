package org.elasticslurm.scenarios.target.libvirttest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.process.NamedProcesses;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.target.StepResult;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.lab.FakeSlurm;
import org.elasticslurm.scenarios.target.provisioned.Guests;
import org.elasticslurm.scenarios.target.provisioned.OperationRecord;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedNode;

/**
 * The "guests" of libvirt-test: the test driver's machines run nothing, so for each machine the provisioner has
 * started, a fake slurmd ({@code slurmd -D -N NODE -b}) is started on loopback {@link #BOOT} after the machine
 * started (its boot), and killed (SIGKILL, as a vanishing machine) once the provisioner releases the machine. A
 * {@code never-registers} fault leaves the node's slurmd unstarted.
 */
final class FakeGuests implements Guests {
    /** The simulated boot of a test-driver machine: machine started -> slurmd starts. */
    static final Duration BOOT = Duration.ofSeconds(3);

    private final FakeSlurm fake;
    private final NamedProcesses processes;
    private final Map<String, String> environment;
    private final Path conf;
    private final Path lab;
    private final Path seeds;
    private final Clock clock;
    private final List<String> allNodes;
    private final Set<String> neverRegister = new HashSet<>();
    private final Set<String> announced = new HashSet<>();
    private final Map<String, Instant> machineStarted = new HashMap<>();

    FakeGuests(FakeSlurm fake, NamedProcesses processes, Map<String, String> environment, Path conf, Path lab,
               Path seeds, Clock clock, List<String> allNodes) {
        this.allNodes = List.copyOf(allNodes);
        this.fake = fake;
        this.processes = processes;
        this.environment = environment;
        this.conf = conf;
        this.lab = lab;
        this.seeds = seeds;
        this.clock = clock;
    }

    @Override
    public synchronized void update(List<ProvisionedNode> nodes, List<OperationRecord> operations) {
        try {
            follow(nodes, operations);
        } catch (LabException e) {
            throw new TargetException(e.getMessage(), e);
        }
    }

    private void follow(List<ProvisionedNode> nodes, List<OperationRecord> operations) {
        for (OperationRecord r : operations) {
            if (r.kind().equals("RESUME") && r.phase().equals("BOOTING")) {
                machineStarted.merge(r.node(), r.time(), (a, b) -> b.isAfter(a) ? b : a);
            }
        }
        Instant now = clock.instant();
        for (ProvisionedNode n : nodes) {
            String name = "slurmd " + n.name();
            boolean running = processes.running(name);
            boolean machine = switch (n.phase()) {
                case "BOOTING", "CONFIGURING", "READY" -> true;
                default -> false;
            };
            if (!machine && running) {
                processes.kill(name);
            } else if (machine && !running && !neverRegister.contains(n.name())
                    && Optional.ofNullable(machineStarted.get(n.name())).filter(t -> !now.isBefore(t.plus(BOOT)))
                    .isPresent() && announced.add(n.name() + "@" + machineStarted.get(n.name()))) {
                start(n.name());
            }
        }
    }

    private void start(String node) {
        processes.start("slurmd " + node, List.of(fake.command("slurmd").toString(), "-D", "-N", node, "-b", "-f",
                conf.toString()), environment, lab, lab.resolve("log/slurmd-" + node + ".out"));
    }

    @Override
    public synchronized Optional<StepResult> perform(Step.Action action) {
        try {
            return act(action);
        } catch (LabException e) {
            throw new TargetException(e.getMessage(), e);
        }
    }

    private Optional<StepResult> act(Step.Action action) {
        if (action instanceof Step.InjectFault f && f.fault() == FaultKind.NEVER_REGISTERS) {
            neverRegister.addAll(f.nodes().map(h -> Hostlist.parse(h).names()).orElse(allNodes));
            return Optional.of(StepResult.ok("slurmd will not start on " + f.nodes().orElse("any node")));
        }
        if (action instanceof Step.Stop s && s.component() == Component.SLURMD && s.node().isPresent()) {
            processes.kill("slurmd " + s.node().get());
            return Optional.of(StepResult.ok("slurmd on " + s.node().get() + " killed (SIGKILL)"));
        }
        if (action instanceof Step.Restart r && r.component() == Component.SLURMD && r.node().isPresent()) {
            processes.kill("slurmd " + r.node().get());
            start(r.node().get());
            return Optional.of(StepResult.ok("slurmd on " + r.node().get() + " restarted with -b"));
        }
        return Optional.empty();
    }

    @Override
    public List<String> leftOver() {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(seeds)) {
            try (Stream<Path> files = Files.list(seeds)) {
                files.forEach(f -> out.add("seed " + f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + seeds, e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        // the fake slurmds are the lab's processes, ended with it
    }
}
