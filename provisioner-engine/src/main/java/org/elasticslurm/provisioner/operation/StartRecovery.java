package org.elasticslurm.provisioner.operation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.elasticslurm.provisioner.backend.BackendException;

/**
 * Runs the restart recovery until the backend lists its machines: a listing that fails (a host slow to answer
 * within its call timeout, libvirtd restarting) is tried again with the retry policy's backoff, on a worker,
 * for at most the given bound. Until recovery has run, no new operation is accepted (503), the reconcile is
 * skipped and readiness is DOWN: resuming or releasing before the machines are known could double or lose one.
 *
 * <p>When the backend lists the machines of some hosts only, recovery runs for every node but those whose machine
 * may be on a silent host: they stay as the log left them and their operations wait in their queue until a later
 * listing, tried again with the same backoff for as long as it takes, finds their machine or its absence.
 */
final class StartRecovery {
    /** The bound used when none is given. */
    static final Duration DEFAULT_BOUND = Duration.ofMinutes(10);

    private final EngineState state;
    private final Reconciler reconciler;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final RetryPolicy retry;

    StartRecovery(EngineState state, Reconciler reconciler, TaskScheduler scheduler, Clock clock, RetryPolicy retry) {
        this.state = state;
        this.reconciler = reconciler;
        this.scheduler = scheduler;
        this.clock = clock;
        this.retry = retry;
    }

    /**
     * Tries the recovery at once; when the backend cannot list its machines, keeps trying on a worker.
     *
     * @return the decisions, or one line saying that recovery is tried again
     */
    List<String> start(Map<String, LoggedOperation> lastLogged, Duration bound, RecoveryListener listener) {
        try {
            List<String> decisions = reconciler.recover(lastLogged);
            followUnknown(lastLogged, listener);
            return decisions;
        } catch (BackendException e) {
            Instant first = clock.instant();
            return List.of(failed(lastLogged, 1, first, bound, e.getMessage(), listener)
                    .orElse("restart recovery gave up: " + e.getMessage()));
        }
    }

    /** Why no work is accepted yet, while recovery has not run. */
    Optional<String> pending() {
        synchronized (state.lock) {
            return Optional.ofNullable(state.recoveryPending);
        }
    }

    private void attempt(Map<String, LoggedOperation> lastLogged, int attempt, Instant first, Duration bound,
                         RecoveryListener listener) {
        List<String> decisions;
        try {
            decisions = reconciler.recover(lastLogged);
        } catch (RuntimeException e) {
            failed(lastLogged, attempt, first, bound, e instanceof BackendException ? e.getMessage() : e.toString(),
                    listener).ifPresent(listener::retrying);
            return;
        }
        synchronized (state.lock) {
            state.recoveryPending = null;
        }
        listener.recovered("recovery ran at attempt " + attempt + ": "
                + (decisions.isEmpty() ? "nothing to do" : String.join("; ", decisions)));
        followUnknown(lastLogged, listener);
    }

    /** While some nodes' machines are unknown (a host did not answer), lists again with backoff, without bound. */
    private void followUnknown(Map<String, LoggedOperation> lastLogged, RecoveryListener listener) {
        if (!reconciler.unknownNodes().isEmpty()) {
            scheduler.schedule(retry.backoff(1), () -> recoverUnknown(lastLogged, 1, listener));
        }
    }

    private void recoverUnknown(Map<String, LoggedOperation> lastLogged, int attempt, RecoveryListener listener) {
        try {
            List<String> decisions = reconciler.recoverUnknown(lastLogged);
            if (!decisions.isEmpty()) {
                listener.recovered("recovery of nodes whose machine is known again: " + String.join("; ", decisions));
            }
        } catch (RuntimeException e) {
            if (attempt == 1) {
                listener.retrying("nodes whose machine is unknown: no host answers (" + (e instanceof BackendException
                        ? e.getMessage() : e.toString()) + "); tried again");
            }
        }
        if (!reconciler.unknownNodes().isEmpty()) {
            scheduler.schedule(retry.backoff(attempt + 1), () -> recoverUnknown(lastLogged, attempt + 1, listener));
        }
    }

    /** Schedules the next attempt and says so, or gives up past the bound (empty: the listener heard it). */
    private Optional<String> failed(Map<String, LoggedOperation> lastLogged, int attempt, Instant first,
                                    Duration bound, String cause, RecoveryListener listener) {
        Duration spent = Duration.between(first, clock.instant());
        Duration wait = retry.backoff(attempt);
        if (spent.plus(wait).compareTo(bound) > 0) {
            String reason = "restart recovery gave up after " + attempt + " attempts over " + spent.toSeconds()
                    + " s: the backend's machines could not be listed: " + cause;
            synchronized (state.lock) {
                state.recoveryPending = reason;
            }
            listener.gaveUp(reason);
            return Optional.empty();
        }
        synchronized (state.lock) {
            state.recoveryPending = "restart recovery has not run yet: the backend's machines could not be listed"
                    + " (attempt " + attempt + ": " + cause + "); next attempt in " + wait;
        }
        scheduler.schedule(wait, () -> attempt(lastLogged, attempt + 1, first, bound, listener));
        return Optional.of("attempt " + attempt + " failed: the backend's machines could not be listed: " + cause
                + "; tried again in " + wait + " (for up to " + bound + "); no operation is accepted until"
                + " recovery has run");
    }
}
