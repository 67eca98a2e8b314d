package org.elasticslurm.provisioner.operation;

import java.time.Clock;
import java.time.Duration;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.slurm.SlurmException;

/**
 * What the {@link OperationRunner} does when a step fails: retries of transient failures, the clean-up after a
 * failed operation (release, node DOWN in Slurm), the one more try at marking the node DOWN, and the operation's
 * end as FAILED. Called with the state's lock held.
 */
final class OperationFailures {
    private final OperationRunner runner;
    private final NodeProcedures procedures;
    private final Clock clock;
    private final EngineSettings settings;

    OperationFailures(OperationRunner runner, NodeProcedures procedures, Clock clock, EngineSettings settings) {
        this.runner = runner;
        this.procedures = procedures;
        this.clock = clock;
        this.settings = settings;
    }

    /** Something escaped a step or the engine itself: clean up if that has not begun, else fail at once. */
    void failUnexpectedly(Operation op, Throwable e) {
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
        fail(op, op.failure == null ? message : op.failure + "; " + message);
    }

    /** A step threw: retried when transient, else the operation is cleaned up after or fails. */
    void handleFailure(Operation op, Step step, RuntimeException failure) {
        String message = describe(failure);
        if (isTransient(failure)) {
            op.failedAttempts++;
            if (op.failingSince == null) {
                op.failingSince = clock.instant();
            }
            if (settings.retry().allowsAnother(op.failedAttempts) || slurmStillUnreachable(op, failure)) {
                Duration wait = settings.retry().backoff(op.failedAttempts);
                runner.emit(op, "attempt " + op.failedAttempts + " failed (transient): " + message
                        + "; retrying in " + wait);
                runner.retryAfter(op, wait, step);
                return;
            }
            message = message + " (gave up after " + op.failedAttempts + " attempts)";
        }
        op.failedAttempts = 0;
        op.failingSince = null;
        if (op.kind == OperationKind.RESUME && op.failure == null) {
            beginCleanup(op, message);
            return;
        }
        if (op.kind == OperationKind.RESUME && failure instanceof SlurmException && !op.markDownRetried) {
            // the release went through (it calls no Slurm); only marking the node DOWN failed: once more, same reason
            op.markDownRetried = true;
            runner.emit(op, "marking the node DOWN failed: " + message + "; trying once more");
            runner.dispatch(op, Step.Next.now(procedures.markDown(op.node.name)));
            return;
        }
        if (op.kind == OperationKind.RESUME && !op.cleanupFailed && !(failure instanceof SlurmException)) {
            // the release failed: Slurm must still hear that the node will not come (DOWN, with both reasons)
            op.cleanupFailed = true;
            op.failure = op.failure + "; clean-up failed: " + message;
            op.error = op.failure;
            op.node.lastError = op.failure;
            runner.emit(op, "clean-up failed: " + message + "; marking the node DOWN");
            runner.dispatch(op, Step.Next.now(procedures.markDown(op.node.name)));
            return;
        }
        // op.failure is set here only when marking the node DOWN failed (after the clean-up, whether it failed or not)
        fail(op, op.failure == null ? message : op.failure + "; marking DOWN failed: " + message);
    }

    /** The operation has failed: its machine is released and Slurm is told (node DOWN with the reason). */
    void beginCleanup(Operation op, String message) {
        op.failedAttempts = 0;
        op.failingSince = null;
        op.failure = message;
        op.error = message;
        op.node.lastError = message;
        runner.enterPhase(op.node, Phase.DESTROYING, clock.instant());
        runner.emit(op, "failed: " + message + "; cleaning up");
        runner.dispatch(op, Step.Next.now(procedures.cleanupAfterFailure(op.node.name, op.node.poolName)));
    }

    /** The clean-up after a failure has run to its end: the operation ends FAILED. */
    void finishCleanup(Operation op) {
        NodeRecord n = op.node;
        op.status = OperationStatus.FAILED;
        if (!op.cleanupFailed) {
            n.address = null;
            n.backendId = null;
        }
        runner.enterPhase(n, Phase.FAILED, clock.instant());
        runner.end(op, (op.cleanupFailed ? "failed: " : "failed and cleaned up: ") + op.failure);
    }

    private void fail(Operation op, String error) {
        op.error = error;
        op.node.lastError = error;
        op.status = OperationStatus.FAILED;
        runner.enterPhase(op.node, Phase.FAILED, clock.instant());
        runner.end(op, "failed: " + error);
    }

    /**
     * A controller that cannot be reached (slurmctld restarting, a network blip) is waited for longer than a
     * failing backend: the machine is fine, only Slurm has to hear about it.
     */
    private boolean slurmStillUnreachable(Operation op, RuntimeException failure) {
        return failure instanceof SlurmException && Duration.between(op.failingSince, clock.instant())
                .compareTo(settings.slurmUnreachableRetry()) < 0;
    }

    private static boolean isTransient(RuntimeException e) {
        return (e instanceof BackendException b && b.isTransient()) || (e instanceof SlurmException s && s.isTransient());
    }

    static String describe(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
