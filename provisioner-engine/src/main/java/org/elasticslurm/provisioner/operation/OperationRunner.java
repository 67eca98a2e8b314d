package org.elasticslurm.provisioner.operation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.provisioner.pool.Pools;

/**
 * Runs each node's operations step by step on the {@link TaskScheduler}: the node's queue, start, dispatch of
 * each step, success, cancellation, and every transition to the journal and the listener; a failing step goes
 * to {@link OperationFailures} (retries, clean-up, node DOWN). A transition the journal cannot write fails its operation; whatever
 * escapes a step fails the operation, never the worker. Called with the state's lock held unless said otherwise.
 */
final class OperationRunner {
    private static final System.Logger LOG = System.getLogger(OperationRunner.class.getName());

    private final EngineState state;
    private final Pools pools;
    private final NodeProcedures procedures;
    private final TaskScheduler scheduler;
    private final OperationJournal journal;
    private final OperationListener listener;
    private final Clock clock;
    private final OperationFailures failures;
    /** Operations some of whose transitions could not be written to the journal. */
    private final Set<Operation> unlogged = new LinkedHashSet<>();

    OperationRunner(EngineState state, Pools pools, Ports ports, TaskScheduler scheduler, OperationJournal journal,
                    OperationListener listener, Clock clock, EngineSettings settings) {
        this.state = state;
        this.pools = pools;
        this.procedures = new NodeProcedures(ports, settings, clock);
        this.scheduler = scheduler;
        this.journal = journal;
        this.listener = listener;
        this.clock = clock;
        this.failures = new OperationFailures(this, procedures, clock, settings);
    }

    /** Why the journal cannot be written, as it last said. */
    Optional<String> journalFailure() {
        return journal.failure();
    }

    /** Probes a failing journal; once it writes again, the last state of every operation it missed is written. */
    boolean journalWritable() {
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

    void enqueue(Operation op) {
        NodeRecord n = op.node;
        n.queue.addLast(op);
        emit(op, "queued behind " + (n.active != null ? n.active.kind + " " + n.active.id
                : n.unknown != null ? "the restart recovery of the node: " + n.unknown : "the queue"));
    }

    /** Starts the first queued operation of an idle node (one that waited for its machine to be known). */
    void startQueued(NodeRecord n) {
        Operation next = n.active == null ? n.queue.pollFirst() : null;
        if (next != null) {
            start(next);
        }
    }

    void start(Operation op) {
        NodeRecord n = op.node;
        boolean afterFailure = n.phase == Phase.FAILED;
        n.active = op;
        n.poweredDownSeen = null;
        op.status = OperationStatus.RUNNING;
        op.updated = clock.instant();
        enterPhase(n, op.kind == OperationKind.RESUME ? Phase.CREATING : Phase.DESTROYING, op.updated);
        emit(op, "started");
        Step first = op.kind == OperationKind.RESUME
                ? procedures.resume(n.name, n.poolName, pools.pool(n.poolName).map(p -> p.postConfig()),
                        afterFailure)
                : procedures.release(n.name, n.poolName);
        scheduler.execute(task(op, first));
    }

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
        synchronized (state.lock) {
            failures.failUnexpectedly(op, e);
        }
    }

    private void runStep(Operation op, Step step) {
        synchronized (state.lock) {
            if (op.status != OperationStatus.RUNNING || op.stepRunning) {
                return;
            }
            if (op.cancelRequested) {
                cancelNow(op);
                return;
            }
            if (op.journalFailure != null && op.failure == null) {
                failures.beginCleanup(op, op.journalFailure);
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
        synchronized (state.lock) {
            op.stepRunning = false;
            if (op.cancelRequested) {
                cancelNow(op);
                return;
            }
            if (failure != null) {
                failures.handleFailure(op, step, failure);
                return;
            }
            op.failedAttempts = 0;
            op.failingSince = null;
            if (op.journalFailure != null && op.failure == null) {
                failures.beginCleanup(op, op.journalFailure);
                return;
            }
            if (next.isDone()) {
                finish(op);
            } else {
                dispatch(op, next);
            }
        }
    }

    void dispatch(Operation op, Step.Next next) {
        Step step = next.step();
        if (next.delay().isZero()) {
            scheduler.execute(task(op, step));
        } else {
            op.timer = scheduler.schedule(next.delay(), task(op, step));
        }
    }

    /** Runs the step again after the wait (a timer even when the wait is zero, so cancellation finds it). */
    void retryAfter(Operation op, Duration wait, Step step) {
        op.timer = scheduler.schedule(wait, task(op, step));
    }

    private void finish(Operation op) {
        Instant now = clock.instant();
        NodeRecord n = op.node;
        if (op.failure != null) {
            failures.finishCleanup(op);
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

    void cancelNow(Operation op) {
        if (op.timer != null) {
            op.timer.cancel();
            op.timer = null;
        }
        op.status = OperationStatus.CANCELLED;
        end(op, op.error != null ? op.error : "cancelled");
    }

    void end(Operation op, String message) {
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

    void finishQuietly(Operation op, OperationStatus status) {
        op.status = status;
        op.updated = clock.instant();
        emit(op, op.error);
    }

    void enterPhase(NodeRecord n, Phase phase, Instant now) {
        if (n.phase != phase) {
            n.phase = phase;
            n.since = now;
        }
    }

    void emit(Operation op, String message) {
        NodeRecord n = op.node;
        OperationEvent event = new OperationEvent(clock.instant(), op.id, op.kind, n.name, n.poolName, op.status,
                n.phase, Optional.ofNullable(message));
        try {
            journal.onEvent(event);
        } catch (RuntimeException e) {
            unlogged.add(op);
            if (!op.status.terminal() && op.journalFailure == null) {
                op.journalFailure = OperationFailures.describe(e);
            }
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "operation listener failed on " + event + ": " + e, e);
        }
    }

    private Step.Progress progress(Operation op) {
        return new Step.Progress() {
            @Override
            public String operationId() {
                return op.id;
            }

            @Override
            public void phase(Phase phase, String message) {
                synchronized (state.lock) {
                    if (op.node.active == op) {
                        enterPhase(op.node, phase, clock.instant());
                        if (phase == Phase.READY) {
                            op.node.lastError = null; // in the same view as READY, not when the operation ends
                        }
                    }
                    emit(op, message);
                }
            }

            @Override
            public void machine(String backendId) {
                synchronized (state.lock) {
                    op.node.backendId = backendId;
                }
            }

            @Override
            public void address(String address) {
                synchronized (state.lock) {
                    op.node.address = address;
                    emit(op, "address " + address);
                }
            }

            @Override
            public Optional<String> address() {
                synchronized (state.lock) {
                    return Optional.ofNullable(op.node.address);
                }
            }

            @Override
            public void note(String message) {
                synchronized (state.lock) {
                    emit(op, message);
                }
            }

            @Override
            public Optional<String> failure() {
                synchronized (state.lock) {
                    return Optional.ofNullable(op.failure);
                }
            }
        };
    }
}
