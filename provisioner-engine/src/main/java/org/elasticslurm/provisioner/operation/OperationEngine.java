package org.elasticslurm.provisioner.operation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.pool.Pools;

/**
 * Runs resume, suspend and clean-up operations on nodes: at most one at a time per node (later requests wait
 * in the node's queue; a suspend cancels a resume), idempotent (a resume of a node that is being resumed or is
 * ready returns the existing operation), bounded in parallelism by the {@link TaskScheduler}, with retries of
 * transient failures and isolation of each node's failures. Every transition goes to the
 * {@link OperationJournal} and the {@link OperationListener}.
 *
 * <p>This class admits requests (node queues, cancellation, idempotence); {@link OperationRunner} executes
 * the operations, {@link Reconciler} brings the state in line with the backend and Slurm, {@link ReleaseGuard}
 * checks suspends against Slurm's view, and {@link EngineState} holds the nodes and operations.
 *
 * <p>Requests are validated by {@link NodeSelector} before they reach the engine; an engine method either
 * creates all of its operations or none.
 */
public final class OperationEngine {
    private final EngineState state;
    private final ReleaseGuard guard;
    private final OperationRunner runner;
    private final Reconciler reconciler;
    private final StartRecovery recovery;

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
        this.state = new EngineState(pools, clock);
        this.guard = new ReleaseGuard(ports.slurm());
        this.runner = new OperationRunner(state, pools, ports, scheduler, journal, listener, clock, settings);
        this.reconciler = new Reconciler(state, runner, pools, ports, clock, settings);
        this.recovery = new StartRecovery(state, reconciler, scheduler, clock, settings.retry());
    }

    /**
     * Resumes nodes: one operation per node, new or existing.
     *
     * @param names validated node names
     * @param jobs the Slurm job ids per node (from SLURM_RESUME_FILE), possibly empty
     */
    public List<OperationView> resume(List<String> names, Map<String, List<Long>> jobs) {
        synchronized (state.lock) {
            admit();
            List<NodeRecord> targets = state.records(names);
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
        synchronized (state.lock) {
            NodeRecord n = state.nodes.get(name);
            return n == null || n.stray ? Optional.empty() : Optional.of(n.view());
        }
    }

    /** Every pool node. */
    public List<NodeView> nodes() {
        synchronized (state.lock) {
            return state.nodes.values().stream().filter(n -> !n.stray).map(NodeRecord::view).toList();
        }
    }

    /** An operation by id (the most recent {@value EngineState#KEEP_FINISHED} finished ones are kept). */
    public Optional<OperationView> operation(String id) {
        synchronized (state.lock) {
            return Optional.ofNullable(state.operations.get(id)).map(Operation::view);
        }
    }

    /**
     * Why the operation log cannot be written, if it cannot: probes it first, so a log that is writable again
     * (space freed) is reported healthy and new work is accepted again.
     */
    public Optional<String> journalFailure() {
        synchronized (state.lock) {
            return runner.journalWritable() ? Optional.empty() : runner.journalFailure().or(() -> Optional.of("unknown"));
        }
    }

    /** Why no new operation is accepted yet, while the restart recovery has not run (see {@link #recover}). */
    public Optional<String> recoveryPending() {
        return recovery.pending();
    }

    private void admit() {
        if (state.recoveryPending != null) {
            throw new RequestRejectedException(RequestRejectedException.Reason.UNAVAILABLE,
                    "no new operation is accepted before the restart recovery has run (" + state.recoveryPending
                            + "); nothing was done, try again later");
        }
        if (!runner.journalWritable()) {
            throw new RequestRejectedException(RequestRejectedException.Reason.UNAVAILABLE,
                    "no new operation is accepted while the operation log cannot be written ("
                            + runner.journalFailure().orElse("unknown") + "); nothing was done, try again later");
        }
    }

    /**
     * The nodes whose machine is not known since the restart, with why: it may be on a host that did not answer.
     * Their operations are accepted but wait in the node's queue until a later listing finds the machine or its
     * absence.
     */
    public Map<String, String> unknownNodes() {
        return reconciler.unknownNodes();
    }

    /**
     * Rebuilds the state after a start from the backend's machines, the operation log and Slurm's view:
     * interrupted operations are finished (resume of a node Slurm still waits for; release) or rolled back
     * (resume of a node Slurm shows powered down), machines of nodes that are no CLOUD pool nodes are released,
     * nodes Slurm boots without an operation here are resumed, machines of nodes Slurm powers down released.
     * When the backend cannot list its machines, recovery is tried again with the retry policy's backoff for up
     * to {@code bound} (see {@link #recoveryPending()}); no new operation is accepted until it has run. When only
     * some hosts answer, the nodes whose machine may be on a silent one are left as logged and recovered once it
     * answers (see {@link #unknownNodes()}); their operations wait in the node's queue until then.
     *
     * @param lastLogged the last logged operation per node
     * @param bound how long recovery is tried again when the backend cannot list its machines
     * @param listener hears what later attempts found, and when recovery gave up
     * @return what was decided, one line per node that needed something; or the failed first attempt
     */
    public List<String> recover(Map<String, LoggedOperation> lastLogged, Duration bound, RecoveryListener listener) {
        return recovery.start(lastLogged, bound, listener);
    }

    /** {@link #recover(Map, Duration, RecoveryListener)} for up to ten minutes, later attempts not reported. */
    public List<String> recover(Map<String, LoggedOperation> lastLogged) {
        return recover(lastLogged, StartRecovery.DEFAULT_BOUND, RecoveryListener.SILENT);
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
    public List<String> sweepOrphans() {
        return reconciler.sweepOrphans();
    }

    // ---- request handling (under lock) ----

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
        Operation op = state.newOperation(n, OperationKind.RESUME, jobs);
        if (a == null && tail == null && n.unknown == null) {
            runner.start(op);
        } else {
            runner.enqueue(op);
        }
        return op;
    }

    private List<OperationView> release(List<String> names, OperationKind kind) {
        synchronized (state.lock) {
            admit();
            List<NodeRecord> targets = state.records(names);
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
            runner.finishQuietly(tail, OperationStatus.CANCELLED);
        }
        if (tail != null) {
            return tail;
        }
        Operation a = n.active;
        if (a != null && a.kind.releases()) {
            return a;
        }
        Operation op = state.newOperation(n, kind, List.of());
        if (a == null && n.unknown == null) {
            runner.start(op);
            return op;
        }
        if (a == null) {
            runner.enqueue(op);
            return op;
        }
        runner.enqueue(op);
        a.cancelRequested = true;
        a.error = "cancelled by " + kind + " " + op.id;
        if (!a.stepRunning) {
            runner.cancelNow(a);
        }
        return op;
    }
}
