package org.elasticslurm.provisioner.operation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineListing;
import org.elasticslurm.provisioner.pool.PoolMode;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.provisioner.slurm.SlurmException;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;

/**
 * Brings the engine in line with the world: after a start from the operation log, the backend's machines and
 * Slurm's view; then periodically with Slurm's view and the backend's machines (lost resumes and suspends,
 * orphans, machines that vanished).
 */
final class Reconciler {
    private final EngineState state;
    private final OperationRunner runner;
    private final Pools pools;
    private final Ports ports;
    private final Clock clock;
    private final EngineSettings settings;

    Reconciler(EngineState state, OperationRunner runner, Pools pools, Ports ports, Clock clock,
               EngineSettings settings) {
        this.state = state;
        this.runner = runner;
        this.pools = pools;
        this.ports = ports;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Rebuilds the state after a start from the backend's machines, the operation log and Slurm's view:
     * interrupted operations are finished (resume of a node Slurm still waits for; release) or rolled back
     * (resume of a node Slurm shows powered down), machines of nodes that are no CLOUD pool nodes are released.
     *
     * @param lastLogged the last logged operation per node
     * @return what was decided, one line per node that needed something
     * @throws BackendException when the backend cannot list its machines
     */
    List<String> recover(Map<String, LoggedOperation> lastLogged) {
        MachineListing listing = ports.backend().listing();
        Optional<Map<String, SlurmNodeState>> slurm = slurmStates();
        List<String> decisions = new ArrayList<>();
        synchronized (state.lock) {
            Instant now = clock.instant();
            Map<String, Machine> byNode = byNode(listing.machines());
            for (Machine m : byNode.values()) {
                if (!state.nodes.containsKey(m.node())) {
                    NodeRecord stray = new NodeRecord(m.node(), m.pool(), true, now);
                    stray.backendId = m.backendId();
                    stray.phase = m.running() ? Phase.READY : Phase.POWERED_DOWN;
                    state.nodes.put(m.node(), stray);
                }
            }
            for (NodeRecord n : state.nodes.values()) {
                String unknown = listing.unknown().get(n.name);
                if (unknown != null && !byNode.containsKey(n.name)) {
                    n.unknown = unknown;
                    Optional.ofNullable(lastLogged.get(n.name)).ifPresent(logged -> {
                        n.phase = logged.phase();
                        logged.message().filter(x -> logged.status() == OperationStatus.FAILED)
                                .ifPresent(message -> n.lastError = message);
                    });
                    decisions.add(n.name + ": left as logged until its machine is known: " + unknown);
                    continue;
                }
                recoverNode(n, byNode, lastLogged, slurm).ifPresent(d -> decisions.add(n.name + ": " + d));
            }
        }
        return decisions;
    }

    /**
     * Recovers the nodes whose machine was unknown at the restart (see {@link #recover}) and is known now.
     *
     * @return what was decided, one line per node recovered now; the nodes still unknown stay so
     * @throws BackendException when the backend cannot list any machine
     */
    List<String> recoverUnknown(Map<String, LoggedOperation> lastLogged) {
        MachineListing listing = ports.backend().listing();
        Optional<Map<String, SlurmNodeState>> slurm = slurmStates();
        List<String> decisions = new ArrayList<>();
        synchronized (state.lock) {
            Map<String, Machine> byNode = byNode(listing.machines());
            for (NodeRecord n : state.nodes.values()) {
                if (n.unknown == null) {
                    continue;
                }
                String unknown = listing.unknown().get(n.name);
                if (unknown != null && !byNode.containsKey(n.name)) {
                    n.unknown = unknown;
                    continue;
                }
                n.unknown = null;
                decisions.add(n.name + ": " + recoverNode(n, byNode, lastLogged, slurm)
                        .orElse("machine known again, nothing to do"));
                runner.startQueued(n);
            }
        }
        return decisions;
    }

    /** The nodes whose machine is not known yet, with why. */
    Map<String, String> unknownNodes() {
        synchronized (state.lock) {
            Map<String, String> unknown = new LinkedHashMap<>();
            state.nodes.values().stream().filter(n -> n.unknown != null).forEach(n -> unknown.put(n.name, n.unknown));
            return unknown;
        }
    }

    private static Map<String, Machine> byNode(List<Machine> machines) {
        Map<String, Machine> byNode = new LinkedHashMap<>();
        for (Machine m : machines) {
            byNode.putIfAbsent(m.node(), m);
        }
        return byNode;
    }

    private Optional<String> recoverNode(NodeRecord n, Map<String, Machine> byNode,
                                         Map<String, LoggedOperation> lastLogged,
                                         Optional<Map<String, SlurmNodeState>> slurm) {
        Optional<Machine> m = Optional.ofNullable(byNode.get(n.name));
        LoggedOperation logged = lastLogged.get(n.name);
        m.ifPresent(machine -> {
            n.backendId = machine.backendId();
            machine.address().ifPresent(a -> n.address = a);
            n.phase = machine.running() ? Phase.READY : Phase.POWERED_DOWN;
        });
        if (failedWith(logged, m)) {
            n.phase = Phase.FAILED;
            n.lastError = logged.message().orElse("failed before the restart");
        }
        return recoverOne(n, m, logged, slurm);
    }

    private Optional<String> recoverOne(NodeRecord n, Optional<Machine> m, LoggedOperation logged,
                                        Optional<Map<String, SlurmNodeState>> slurm) {
        if (n.stray) {
            runner.start(state.newOperation(n, OperationKind.CLEANUP, List.of()));
            return Optional.of("machine " + n.backendId + " belongs to no CLOUD node of a pool: released");
        }
        boolean interrupted = logged != null && !logged.status().terminal();
        if (interrupted && logged.kind().releases()) {
            runner.start(restored(n, logged));
            return Optional.of("interrupted " + logged.kind() + " " + logged.id() + " finished");
        }
        Optional<SlurmNodeState> shown = slurm.flatMap(states -> Optional.ofNullable(states.get(n.name)));
        Optional<Boolean> poweredDown = shown.map(SlurmNodeState::poweredDown);
        if (interrupted) {
            if (poweredDown.orElse(false)) {
                if (m.isPresent()) {
                    runner.start(state.newOperation(n, OperationKind.CLEANUP, List.of()));
                }
                return Optional.of("interrupted RESUME " + logged.id() + " rolled back: Slurm shows the node powered down");
            }
            runner.start(restored(n, logged));
            return Optional.of("interrupted RESUME " + logged.id() + " continued");
        }
        if (m.filter(Machine::running).isEmpty() && shown.filter(this::waitsForMachine).isPresent()) {
            Operation op = state.newOperation(n, OperationKind.RESUME, List.of());
            runner.start(op);
            return Optional.of("Slurm waits for the node (" + shown.get().shown() + ") but no operation was recorded"
                    + " (its ResumeProgram call was lost): RESUME " + op.id + " started");
        }
        if (m.isPresent() && orphanCandidate(n, m.get()) && shown.filter(SlurmNodeState::poweringDown).isPresent()) {
            runner.start(state.newOperation(n, OperationKind.CLEANUP, List.of()));
            return Optional.of("Slurm is powering the node down (its SuspendProgram call was lost): machine "
                    + m.get().backendId() + " released");
        }
        if (m.isPresent() && orphanCandidate(n, m.get()) && poweredDown.orElse(false)) {
            n.poweredDownSeen = clock.instant();
            return Optional.of("machine runs but Slurm shows the node powered down: released after "
                    + settings.orphanGrace() + " unless resumed");
        }
        if (n.phase != Phase.FAILED) {
            m.ifPresent(machine -> n.last = rememberSucceededResume(n, machine.operationId()));
        }
        return Optional.empty();
    }

    /**
     * The node's last operation failed and what the backend shows is what it left (no machine, the machine of
     * that failed resume whose clean-up failed too, or the machine a failed release could not give back): the
     * node stays FAILED with the reason, as before the restart (Slurm has it DOWN with that reason); the machine
     * is kept in the record, so the next suspend or resume-fail releases it. A machine of another operation
     * (a later resume whose lines were lost) decides the phase instead.
     */
    private static boolean failedWith(LoggedOperation logged, Optional<Machine> m) {
        if (logged == null || logged.status() != OperationStatus.FAILED) {
            return false;
        }
        return m.isEmpty() || logged.kind().releases() || m.get().operationId().equals(logged.id());
    }

    private Operation rememberSucceededResume(NodeRecord n, String operationId) {
        Operation op = new Operation(operationId, OperationKind.RESUME, n, clock.instant(), List.of());
        op.status = OperationStatus.SUCCEEDED;
        state.operations.put(op.id, op);
        return op;
    }

    private Operation restored(NodeRecord n, LoggedOperation logged) {
        Operation op = new Operation(logged.id(), logged.kind(), n, clock.instant(), List.of());
        state.operations.put(op.id, op);
        return op;
    }

    /**
     * Reconciles the backend's machines and this engine with Slurm's view (as slurm-gcp's slurmsync does), for
     * nodes without an operation here: a node Slurm boots (POWERING_UP, not DOWN) that has no running machine
     * is resumed; a machine of a node Slurm is powering down is released at once; one whose node Slurm has shown
     * powered down for longer than the orphan grace period is released, as is one of a node that is no CLOUD
     * pool node. A node missing from Slurm's view (hidden by 22.05 unless PrivateData=cloud) is left alone.
     * Run periodically; skipped while Slurm, the backend or the operation log cannot be reached, and until the
     * restart recovery has run.
     *
     * @return what was released or noticed, one line per node
     */
    List<String> sweepOrphans() {
        synchronized (state.lock) {
            if (state.recoveryPending != null) {
                return List.of("sweep skipped: " + state.recoveryPending);
            }
            if (!runner.journalWritable()) {
                return List.of("sweep skipped: " + runner.journalFailure().orElse("the operation log cannot be written"));
            }
        }
        Instant started = clock.instant();
        List<Machine> machines;
        Map<String, SlurmNodeState> states;
        try {
            machines = ports.backend().list();
            states = ports.slurm().nodeStates();
        } catch (BackendException | SlurmException e) {
            return List.of("sweep skipped: " + e.getMessage());
        }
        List<String> actions = new ArrayList<>();
        synchronized (state.lock) {
            Instant now = clock.instant();
            Map<String, Machine> byNode = new LinkedHashMap<>();
            machines.forEach(m -> byNode.putIfAbsent(m.node(), m));
            for (Machine m : byNode.values()) {
                NodeRecord n = state.nodes.get(m.node());
                if (n == null) {
                    n = new NodeRecord(m.node(), m.pool(), true, now);
                    n.backendId = m.backendId();
                    state.nodes.put(n.name, n);
                }
                if (!n.idle() || n.since.isAfter(started) || n.unknown != null) {
                    n.poweredDownSeen = null;
                    continue;
                }
                if (n.stray) {
                    if (m.running() || !n.phase.equals(Phase.POWERED_DOWN)) {
                        runner.start(state.newOperation(n, OperationKind.CLEANUP, List.of()));
                        actions.add(n.name + ": machine " + m.backendId() + " of a node that is no CLOUD pool node released");
                    }
                    continue;
                }
                SlurmNodeState shown = states.get(n.name);
                if (orphanCandidate(n, m) && shown != null && shown.poweringDown()) {
                    n.poweredDownSeen = null;
                    runner.start(state.newOperation(n, OperationKind.CLEANUP, List.of()));
                    actions.add(n.name + ": machine " + m.backendId() + " released: Slurm is powering the node down ("
                            + shown.shown() + ") and no suspend came");
                    continue;
                }
                if (!orphanCandidate(n, m) || !poweredDown(shown)) {
                    n.poweredDownSeen = null;
                    continue;
                }
                if (n.poweredDownSeen == null) {
                    n.poweredDownSeen = now;
                    actions.add(n.name + ": machine runs while Slurm shows the node powered down; released after "
                            + settings.orphanGrace() + " unless resumed");
                } else if (!Duration.between(n.poweredDownSeen, now).minus(settings.orphanGrace()).isNegative()) {
                    n.poweredDownSeen = null;
                    runner.start(state.newOperation(n, OperationKind.CLEANUP, List.of()));
                    actions.add(n.name + ": orphan machine " + m.backendId() + " released (Slurm showed the node powered"
                            + " down for " + settings.orphanGrace() + ")");
                }
            }
            for (NodeRecord n : state.nodes.values()) {
                if (n.unknown != null) {
                    continue;
                }
                SlurmNodeState shown = states.get(n.name);
                Machine machine = byNode.get(n.name);
                boolean running = machine != null && machine.running();
                if (!n.stray && !running && n.idle() && !n.since.isAfter(started) && shown != null
                        && waitsForMachine(shown) && (n.phase == Phase.POWERED_DOWN || n.phase == Phase.FAILED)) {
                    Operation op = state.newOperation(n, OperationKind.RESUME, List.of());
                    runner.start(op);
                    actions.add(n.name + ": Slurm waits for the node (" + shown.shown() + ") but it had no operation"
                            + " here (its ResumeProgram call was lost): RESUME " + op.id + " started");
                    continue;
                }
                if (!byNode.containsKey(n.name) && n.idle() && !n.since.isAfter(started)
                        && (n.phase == Phase.READY || n.phase == Phase.BOOTING || n.phase == Phase.CONFIGURING)) {
                    n.lastError = "the machine disappeared from the backend";
                    runner.enterPhase(n, Phase.POWERED_DOWN, now);
                    actions.add(n.name + ": machine disappeared from the backend");
                }
            }
        }
        return actions;
    }

    private boolean orphanCandidate(NodeRecord n, Machine m) {
        boolean created = pools.pool(n.poolName).map(p -> p.mode() == PoolMode.CREATE).orElse(true);
        return m.running() || created;
    }

    /** Missing from Slurm's view (hidden, 22.05) = unknown: never a reason to release. */
    private static boolean poweredDown(SlurmNodeState state) {
        return state != null && state.poweredDown();
    }

    /** Slurm is booting the node and nobody took it down: a resume is wanted. */
    private boolean waitsForMachine(SlurmNodeState state) {
        return state.poweringUp() && !state.down();
    }

    private Optional<Map<String, SlurmNodeState>> slurmStates() {
        try {
            return Optional.of(ports.slurm().nodeStates());
        } catch (SlurmException e) {
            return Optional.empty();
        }
    }
}
