package org.elasticslurm.provisioner.operation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.config.Pool;
import org.elasticslurm.provisioner.config.PoolMode;
import org.elasticslurm.provisioner.config.Pools;
import org.elasticslurm.provisioner.slurm.SlurmException;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;

/**
 * Runs resume, suspend and clean-up operations on nodes: at most one at a time per node (later requests wait
 * in the node's queue; a suspend cancels a resume), idempotent (a resume of a node that is being resumed or is
 * ready returns the existing operation), bounded in parallelism by the {@link TaskScheduler}, with retries of
 * transient failures and isolation of each node's failures. Every transition goes to the
 * {@link OperationListener}.
 *
 * <p>Requests are validated by {@link NodeSelector} before they reach the engine; an engine method either
 * creates all of its operations or none.
 */
public final class OperationEngine {
    private static final int KEEP_FINISHED = 100_000;
    private static final System.Logger LOG = System.getLogger(OperationEngine.class.getName());

    private final Object lock = new Object();
    private final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final Pools pools;
    private final Ports ports;
    private final NodeProcedures procedures;
    private final ReleaseGuard guard;
    private final TaskScheduler scheduler;
    private final OperationJournal journal;
    private final OperationListener listener;
    private final Clock clock;
    private final EngineSettings settings;
    /** Operations some of whose transitions could not be written to the journal. */
    private final Set<Operation> unlogged = new LinkedHashSet<>();

    /**
     * @param pools the pools and their nodes
     * @param ports backend, Slurm, post-config runner
     * @param scheduler runs the steps (bounded parallelism)
     * @param listener receives every transition
     * @param clock the time source
     * @param settings timing and retries
     */
    public OperationEngine(Pools pools, Ports ports, TaskScheduler scheduler, OperationListener listener, Clock clock,
                           EngineSettings settings) {
        this(pools, ports, scheduler, OperationJournal.NONE, listener, clock, settings);
    }

    /**
     * @param pools the pools and their nodes
     * @param ports backend, Slurm, post-config runner
     * @param scheduler runs the steps (bounded parallelism)
     * @param journal records every transition durably; while it cannot write, operations fail and new work is
     *                refused
     * @param listener receives every transition after the journal (metrics)
     * @param clock the time source
     * @param settings timing and retries
     */
    public OperationEngine(Pools pools, Ports ports, TaskScheduler scheduler, OperationJournal journal,
                           OperationListener listener, Clock clock, EngineSettings settings) {
        this.pools = pools;
        this.journal = journal;
        this.ports = ports;
        this.procedures = new NodeProcedures(ports, settings, clock);
        this.guard = new ReleaseGuard(ports.slurm());
        this.scheduler = scheduler;
        this.listener = listener;
        this.clock = clock;
        this.settings = settings;
        Instant now = clock.instant();
        for (Pool pool : pools.all().values()) {
            for (String node : pool.nodes()) {
                nodes.put(node, new NodeRecord(node, pool.name(), false, now));
            }
        }
    }

    /**
     * Resumes nodes: one operation per node, new or existing.
     *
     * @param names validated node names
     * @param jobs the Slurm job ids per node (from SLURM_RESUME_FILE), possibly empty
     */
    public List<OperationView> resume(List<String> names, Map<String, List<Long>> jobs) {
        synchronized (lock) {
            admit();
            List<NodeRecord> targets = records(names);
            List<OperationView> result = new ArrayList<>(targets.size());
            for (NodeRecord n : targets) {
                result.add(resumeOne(n, jobs.getOrDefault(n.name, List.of())).view());
            }
            return result;
        }
    }

    /** Suspends nodes as {@link #suspend(List, boolean)} without force. */
    public List<OperationView> suspend(List<String> names) {
        return suspend(names, false);
    }

    /**
     * Suspends nodes: their machines are given back; a resume in progress is cancelled first. Unless forced,
     * only nodes Slurm shows without a job (idle, down, powering down, powered down) are suspended.
     *
     * @throws RequestRejectedException CONFLICT when Slurm shows a node that may run a job, UNAVAILABLE when
     *                                  Slurm's view cannot be read (nothing is done for any node)
     */
    public List<OperationView> suspend(List<String> names, boolean force) {
        if (!force) {
            guard.check(names, OperationKind.SUSPEND);
        }
        return release(names, OperationKind.SUSPEND);
    }

    /** Cleans up after Slurm gave up as {@link #resumeFail(List, boolean)} without force. */
    public List<OperationView> resumeFail(List<String> names) {
        return resumeFail(names, false);
    }

    /**
     * Slurm gave up resuming these nodes: whatever is left is cleaned up and the nodes end FAILED. Checked
     * against Slurm's view as {@link #suspend(List, boolean)}.
     */
    public List<OperationView> resumeFail(List<String> names, boolean force) {
        if (!force) {
            guard.check(names, OperationKind.RESUME_FAIL);
        }
        return release(names, OperationKind.RESUME_FAIL);
    }

    /** A node by name (pool nodes only). */
    public Optional<NodeView> node(String name) {
        synchronized (lock) {
            NodeRecord n = nodes.get(name);
            return n == null || n.stray ? Optional.empty() : Optional.of(n.view());
        }
    }

    /** Every pool node. */
    public List<NodeView> nodes() {
        synchronized (lock) {
            return nodes.values().stream().filter(n -> !n.stray).map(NodeRecord::view).toList();
        }
    }

    /** An operation by id (the most recent {@value #KEEP_FINISHED} finished ones are kept). */
    public Optional<OperationView> operation(String id) {
        synchronized (lock) {
            return Optional.ofNullable(operations.get(id)).map(Operation::view);
        }
    }

    /**
     * Why the operation log cannot be written, if it cannot: probes it first, so a log that is writable again
     * (space freed) is reported healthy and new work is accepted again.
     */
    public Optional<String> journalFailure() {
        synchronized (lock) {
            return journalWritable() ? Optional.empty() : journal.failure().or(() -> Optional.of("unknown"));
        }
    }

    private void admit() {
        if (!journalWritable()) {
            throw new RequestRejectedException(RequestRejectedException.Reason.UNAVAILABLE,
                    "no new operation is accepted while the operation log cannot be written ("
                            + journal.failure().orElse("unknown") + "); nothing was done, try again later");
        }
    }

    /** Probes a failing journal; once it writes again, the last state of every operation it missed is written. */
    private boolean journalWritable() {
        if (journal.failure().isEmpty() && unlogged.isEmpty()) {
            return true;
        }
        if (!journal.probe()) {
            return false;
        }
        List<Operation> missed = new ArrayList<>(unlogged);
        unlogged.clear();
        for (Operation op : missed) {
            emit(op, "recorded again after the operation log was unwritable: " + op.status
                    + (op.error != null ? " (" + op.error + ")" : ""));
        }
        return journal.failure().isEmpty();
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
    public List<String> recover(Map<String, LoggedOperation> lastLogged) {
        List<Machine> machines = ports.backend().list();
        Optional<Map<String, SlurmNodeState>> slurm = slurmStates();
        List<String> decisions = new ArrayList<>();
        synchronized (lock) {
            Instant now = clock.instant();
            Map<String, Machine> byNode = new LinkedHashMap<>();
            for (Machine m : machines) {
                byNode.putIfAbsent(m.node(), m);
            }
            for (Machine m : byNode.values()) {
                if (!nodes.containsKey(m.node())) {
                    NodeRecord stray = new NodeRecord(m.node(), m.pool(), true, now);
                    stray.backendId = m.backendId();
                    stray.phase = m.running() ? Phase.READY : Phase.POWERED_DOWN;
                    nodes.put(m.node(), stray);
                }
            }
            for (NodeRecord n : nodes.values()) {
                Optional<Machine> m = Optional.ofNullable(byNode.get(n.name));
                m.ifPresent(machine -> {
                    n.backendId = machine.backendId();
                    machine.address().ifPresent(a -> n.address = a);
                    n.phase = machine.running() ? Phase.READY : Phase.POWERED_DOWN;
                });
                LoggedOperation logged = lastLogged.get(n.name);
                if (logged != null && logged.status() == OperationStatus.FAILED && m.isEmpty()) {
                    n.phase = Phase.FAILED;
                    n.lastError = logged.message().orElse("failed before the restart");
                }
                Optional<String> decision = recoverOne(n, m, logged, slurm);
                decision.ifPresent(d -> decisions.add(n.name + ": " + d));
            }
        }
        return decisions;
    }

    private Optional<String> recoverOne(NodeRecord n, Optional<Machine> m, LoggedOperation logged,
                                        Optional<Map<String, SlurmNodeState>> slurm) {
        if (n.stray) {
            start(newOperation(n, OperationKind.CLEANUP, List.of()));
            return Optional.of("machine " + n.backendId + " belongs to no CLOUD node of a pool: released");
        }
        boolean interrupted = logged != null && !logged.status().terminal();
        if (interrupted && logged.kind().releases()) {
            start(restored(n, logged));
            return Optional.of("interrupted " + logged.kind() + " " + logged.id() + " finished");
        }
        Optional<SlurmNodeState> shown = slurm.flatMap(states -> Optional.ofNullable(states.get(n.name)));
        Optional<Boolean> poweredDown = shown.map(SlurmNodeState::poweredDown);
        if (interrupted) {
            if (poweredDown.orElse(false)) {
                if (m.isPresent()) {
                    start(newOperation(n, OperationKind.CLEANUP, List.of()));
                }
                return Optional.of("interrupted RESUME " + logged.id() + " rolled back: Slurm shows the node powered down");
            }
            start(restored(n, logged));
            return Optional.of("interrupted RESUME " + logged.id() + " continued");
        }
        if (m.filter(Machine::running).isEmpty() && shown.filter(this::waitsForMachine).isPresent()) {
            Operation op = newOperation(n, OperationKind.RESUME, List.of());
            start(op);
            return Optional.of("Slurm waits for the node (" + shown.get().shown() + ") but no operation was recorded"
                    + " (its ResumeProgram call was lost): RESUME " + op.id + " started");
        }
        if (m.isPresent() && orphanCandidate(n, m.get()) && shown.filter(SlurmNodeState::poweringDown).isPresent()) {
            start(newOperation(n, OperationKind.CLEANUP, List.of()));
            return Optional.of("Slurm is powering the node down (its SuspendProgram call was lost): machine "
                    + m.get().backendId() + " released");
        }
        if (m.isPresent() && orphanCandidate(n, m.get()) && poweredDown.orElse(false)) {
            n.poweredDownSeen = clock.instant();
            return Optional.of("machine runs but Slurm shows the node powered down: released after "
                    + settings.orphanGrace() + " unless resumed");
        }
        m.ifPresent(machine -> n.last = rememberSucceededResume(n, machine.operationId()));
        return Optional.empty();
    }

    private Operation rememberSucceededResume(NodeRecord n, String operationId) {
        Operation op = new Operation(operationId, OperationKind.RESUME, n, clock.instant(), List.of());
        op.status = OperationStatus.SUCCEEDED;
        operations.put(op.id, op);
        return op;
    }

    private Operation restored(NodeRecord n, LoggedOperation logged) {
        Operation op = new Operation(logged.id(), logged.kind(), n, clock.instant(), List.of());
        operations.put(op.id, op);
        return op;
    }

    /**
     * Reconciles the backend's machines and this engine with Slurm's view (as slurm-gcp's slurmsync does), for
     * nodes without an operation here: a node Slurm boots (POWERING_UP, not DOWN) that has no running machine
     * is resumed; a machine of a node Slurm is powering down is released at once; one whose node Slurm has shown
     * powered down for longer than the orphan grace period is released, as is one of a node that is no CLOUD
     * pool node. A node missing from Slurm's view (hidden by 22.05 unless PrivateData=cloud) is left alone.
     * Run periodically; skipped while Slurm, the backend or the operation log cannot be reached.
     *
     * @return what was released or noticed, one line per node
     */
    public List<String> sweepOrphans() {
        synchronized (lock) {
            if (!journalWritable()) {
                return List.of("sweep skipped: " + journal.failure().orElse("the operation log cannot be written"));
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
        synchronized (lock) {
            Instant now = clock.instant();
            Map<String, Machine> byNode = new LinkedHashMap<>();
            machines.forEach(m -> byNode.putIfAbsent(m.node(), m));
            for (Machine m : byNode.values()) {
                NodeRecord n = nodes.get(m.node());
                if (n == null) {
                    n = new NodeRecord(m.node(), m.pool(), true, now);
                    n.backendId = m.backendId();
                    nodes.put(n.name, n);
                }
                if (!n.idle() || n.since.isAfter(started)) {
                    n.poweredDownSeen = null;
                    continue;
                }
                if (n.stray) {
                    if (m.running() || !n.phase.equals(Phase.POWERED_DOWN)) {
                        start(newOperation(n, OperationKind.CLEANUP, List.of()));
                        actions.add(n.name + ": machine " + m.backendId() + " of a node that is no CLOUD pool node released");
                    }
                    continue;
                }
                SlurmNodeState shown = states.get(n.name);
                if (orphanCandidate(n, m) && shown != null && shown.poweringDown()) {
                    n.poweredDownSeen = null;
                    start(newOperation(n, OperationKind.CLEANUP, List.of()));
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
                    start(newOperation(n, OperationKind.CLEANUP, List.of()));
                    actions.add(n.name + ": orphan machine " + m.backendId() + " released (Slurm showed the node powered"
                            + " down for " + settings.orphanGrace() + ")");
                }
            }
            for (NodeRecord n : nodes.values()) {
                SlurmNodeState shown = states.get(n.name);
                Machine machine = byNode.get(n.name);
                boolean running = machine != null && machine.running();
                if (!n.stray && !running && n.idle() && !n.since.isAfter(started) && shown != null
                        && waitsForMachine(shown) && (n.phase == Phase.POWERED_DOWN || n.phase == Phase.FAILED)) {
                    Operation op = newOperation(n, OperationKind.RESUME, List.of());
                    start(op);
                    actions.add(n.name + ": Slurm waits for the node (" + shown.shown() + ") but it had no operation"
                            + " here (its ResumeProgram call was lost): RESUME " + op.id + " started");
                    continue;
                }
                if (!byNode.containsKey(n.name) && n.idle() && !n.since.isAfter(started)
                        && (n.phase == Phase.READY || n.phase == Phase.BOOTING || n.phase == Phase.CONFIGURING)) {
                    n.lastError = "the machine disappeared from the backend";
                    enterPhase(n, Phase.POWERED_DOWN, now);
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

    // ---- request handling (under lock) ----

    private List<NodeRecord> records(List<String> names) {
        List<NodeRecord> targets = new ArrayList<>(names.size());
        for (String name : names) {
            NodeRecord n = nodes.get(name);
            if (n == null || n.stray) {
                throw new RequestRejectedException(RequestRejectedException.Reason.NOT_FOUND,
                        "node " + name + " is in no pool");
            }
            targets.add(n);
        }
        return targets;
    }

    private Operation resumeOne(NodeRecord n, List<Long> jobs) {
        Operation tail = n.queue.peekLast();
        if (tail != null && tail.kind == OperationKind.RESUME) {
            return tail;
        }
        Operation a = n.active;
        if (tail == null && a != null && a.kind == OperationKind.RESUME && !a.cancelRequested) {
            return a;
        }
        if (tail == null && a == null && n.phase == Phase.READY && n.last != null && n.last.kind == OperationKind.RESUME) {
            return n.last;
        }
        Operation op = newOperation(n, OperationKind.RESUME, jobs);
        if (a == null && tail == null) {
            start(op);
        } else {
            enqueue(op);
        }
        return op;
    }

    private List<OperationView> release(List<String> names, OperationKind kind) {
        synchronized (lock) {
            admit();
            List<NodeRecord> targets = records(names);
            List<OperationView> result = new ArrayList<>(targets.size());
            for (NodeRecord n : targets) {
                result.add(releaseOne(n, kind).view());
            }
            return result;
        }
    }

    private Operation releaseOne(NodeRecord n, OperationKind kind) {
        Operation tail;
        while ((tail = n.queue.peekLast()) != null && tail.kind == OperationKind.RESUME) {
            n.queue.pollLast();
            tail.error = "cancelled by a " + kind + " request before it started";
            finishQuietly(tail, OperationStatus.CANCELLED);
        }
        if (tail != null) {
            return tail;
        }
        Operation a = n.active;
        if (a != null && a.kind.releases()) {
            return a;
        }
        Operation op = newOperation(n, kind, List.of());
        if (a == null) {
            start(op);
            return op;
        }
        enqueue(op);
        a.cancelRequested = true;
        a.error = "cancelled by " + kind + " " + op.id;
        if (!a.stepRunning) {
            cancelNow(a);
        }
        return op;
    }

    private Operation newOperation(NodeRecord n, OperationKind kind, List<Long> jobs) {
        Operation op = new Operation(UUID.randomUUID().toString(), kind, n, clock.instant(), jobs);
        operations.put(op.id, op);
        if (operations.size() > KEEP_FINISHED) {
            Iterator<Operation> it = operations.values().iterator();
            while (operations.size() > KEEP_FINISHED && it.hasNext()) {
                if (it.next().status.terminal()) {
                    it.remove();
                }
            }
        }
        return op;
    }

    private void enqueue(Operation op) {
        op.node.queue.addLast(op);
        emit(op, "queued behind " + (op.node.active != null ? op.node.active.kind + " " + op.node.active.id : "the queue"));
    }

    private void start(Operation op) {
        NodeRecord n = op.node;
        n.active = op;
        n.poweredDownSeen = null;
        op.status = OperationStatus.RUNNING;
        op.updated = clock.instant();
        enterPhase(n, op.kind == OperationKind.RESUME ? Phase.CREATING : Phase.DESTROYING, op.updated);
        emit(op, "started");
        Step first = op.kind == OperationKind.RESUME
                ? procedures.resume(n.name, n.poolName, pools.pool(n.poolName).map(p -> p.settings().postConfig()))
                : procedures.release(n.name, n.poolName);
        scheduler.execute(task(op, first));
    }

    // ---- step execution ----

    /** A step as a worker task: whatever escapes the engine fails the operation, never the worker. */
    private Runnable task(Operation op, Step step) {
        return () -> {
            try {
                runStep(op, step);
            } catch (RuntimeException | Error e) {
                failUnexpectedly(op, e);
            }
        };
    }

    private void failUnexpectedly(Operation op, Throwable e) {
        synchronized (lock) {
            op.stepRunning = false;
            if (op.status.terminal()) {
                return;
            }
            String message = "internal error: " + e;
            try {
                if (op.failure == null) {
                    beginCleanup(op, message);
                    return;
                }
            } catch (RuntimeException | Error again) {
                message = message + "; clean-up could not start: " + again;
            }
            if (op.timer != null) {
                op.timer.cancel();
                op.timer = null;
            }
            op.error = op.failure == null ? message : op.failure + "; " + message;
            op.node.lastError = op.error;
            op.status = OperationStatus.FAILED;
            enterPhase(op.node, Phase.FAILED, clock.instant());
            end(op, "failed: " + op.error);
        }
    }

    private void runStep(Operation op, Step step) {
        synchronized (lock) {
            if (op.status != OperationStatus.RUNNING || op.stepRunning) {
                return;
            }
            if (op.cancelRequested) {
                cancelNow(op);
                return;
            }
            if (op.journalFailure != null && op.failure == null) {
                beginCleanup(op, op.journalFailure);
                return;
            }
            op.stepRunning = true;
            op.timer = null;
        }
        Step.Next next = null;
        RuntimeException failure = null;
        try {
            next = step.run(progress(op));
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (lock) {
            op.stepRunning = false;
            if (op.cancelRequested) {
                cancelNow(op);
                return;
            }
            if (failure != null) {
                handleFailure(op, step, failure);
                return;
            }
            op.failedAttempts = 0;
            if (op.journalFailure != null && op.failure == null) {
                beginCleanup(op, op.journalFailure);
                return;
            }
            if (next.isDone()) {
                finish(op);
            } else {
                dispatch(op, next);
            }
        }
    }

    private void dispatch(Operation op, Step.Next next) {
        Step step = next.step();
        if (next.delay().isZero()) {
            scheduler.execute(task(op, step));
        } else {
            op.timer = scheduler.schedule(next.delay(), task(op, step));
        }
    }

    private void handleFailure(Operation op, Step step, RuntimeException failure) {
        String message = describe(failure);
        if (isTransient(failure)) {
            op.failedAttempts++;
            if (settings.retry().allowsAnother(op.failedAttempts)) {
                Duration wait = settings.retry().backoff(op.failedAttempts);
                emit(op, "attempt " + op.failedAttempts + " failed (transient): " + message + "; retrying in " + wait);
                op.timer = scheduler.schedule(wait, task(op, step));
                return;
            }
            message = message + " (gave up after " + op.failedAttempts + " attempts)";
        }
        op.failedAttempts = 0;
        if (op.kind == OperationKind.RESUME && op.failure == null) {
            beginCleanup(op, message);
            return;
        }
        op.error = op.failure == null ? message : op.failure + "; clean-up failed: " + message;
        op.node.lastError = op.error;
        op.status = OperationStatus.FAILED;
        enterPhase(op.node, Phase.FAILED, clock.instant());
        end(op, "failed: " + op.error);
    }

    /** The operation has failed: its machine is released and Slurm is told (node DOWN with the reason). */
    private void beginCleanup(Operation op, String message) {
        op.failedAttempts = 0;
        op.failure = message;
        op.error = message;
        op.node.lastError = message;
        enterPhase(op.node, Phase.DESTROYING, clock.instant());
        emit(op, "failed: " + message + "; cleaning up");
        dispatch(op, Step.Next.now(procedures.cleanupAfterFailure(op.node.name, op.node.poolName)));
    }

    private void finish(Operation op) {
        Instant now = clock.instant();
        NodeRecord n = op.node;
        if (op.failure != null) {
            op.status = OperationStatus.FAILED;
            n.address = null;
            n.backendId = null;
            enterPhase(n, Phase.FAILED, now);
            end(op, "failed and cleaned up: " + op.failure);
            return;
        }
        op.status = OperationStatus.SUCCEEDED;
        switch (op.kind) {
            case RESUME -> {
                n.lastError = null;
                enterPhase(n, Phase.READY, now);
            }
            case RESUME_FAIL -> {
                n.address = null;
                n.backendId = null;
                n.lastError = n.lastError != null ? n.lastError
                        : "Slurm gave up waiting for the node to register (ResumeTimeout; ResumeFailProgram ran)";
                enterPhase(n, Phase.FAILED, now);
            }
            default -> {
                n.address = null;
                n.backendId = null;
                enterPhase(n, Phase.POWERED_DOWN, now);
            }
        }
        end(op, "succeeded");
    }

    private void cancelNow(Operation op) {
        if (op.timer != null) {
            op.timer.cancel();
            op.timer = null;
        }
        op.status = OperationStatus.CANCELLED;
        end(op, op.error != null ? op.error : "cancelled");
    }

    private void end(Operation op, String message) {
        NodeRecord n = op.node;
        op.updated = clock.instant();
        if (n.active == op) {
            n.active = null;
        }
        n.last = op;
        emit(op, message);
        Operation next = n.queue.pollFirst();
        if (next != null) {
            start(next);
        }
    }

    private void finishQuietly(Operation op, OperationStatus status) {
        op.status = status;
        op.updated = clock.instant();
        emit(op, op.error);
    }

    private void enterPhase(NodeRecord n, Phase phase, Instant now) {
        if (n.phase != phase) {
            n.phase = phase;
            n.since = now;
        }
    }

    private void emit(Operation op, String message) {
        NodeRecord n = op.node;
        OperationEvent event = new OperationEvent(clock.instant(), op.id, op.kind, n.name, n.poolName, op.status,
                n.phase, Optional.ofNullable(message));
        try {
            journal.onEvent(event);
        } catch (RuntimeException e) {
            unlogged.add(op);
            if (!op.status.terminal() && op.journalFailure == null) {
                op.journalFailure = describe(e);
            }
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "operation listener failed on " + event + ": " + e, e);
        }
    }

    private static boolean isTransient(RuntimeException e) {
        return (e instanceof BackendException b && b.isTransient()) || (e instanceof SlurmException s && s.isTransient());
    }

    private static String describe(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private Step.Progress progress(Operation op) {
        return new Step.Progress() {
            @Override
            public String operationId() {
                return op.id;
            }

            @Override
            public void phase(Phase phase, String message) {
                synchronized (lock) {
                    if (op.node.active == op) {
                        enterPhase(op.node, phase, clock.instant());
                    }
                    emit(op, message);
                }
            }

            @Override
            public void machine(String backendId) {
                synchronized (lock) {
                    op.node.backendId = backendId;
                }
            }

            @Override
            public void address(String address) {
                synchronized (lock) {
                    op.node.address = address;
                    emit(op, "address " + address);
                }
            }

            @Override
            public Optional<String> address() {
                synchronized (lock) {
                    return Optional.ofNullable(op.node.address);
                }
            }

            @Override
            public void note(String message) {
                synchronized (lock) {
                    emit(op, message);
                }
            }

            @Override
            public Optional<String> failure() {
                synchronized (lock) {
                    return Optional.ofNullable(op.failure);
                }
            }
        };
    }
}
