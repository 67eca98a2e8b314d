package org.elasticslurm.provisioner.operation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An operation's mutable state; guarded by the engine's lock. */
final class Operation {
    final String id;
    final OperationKind kind;
    final NodeRecord node;
    final Instant created;
    final List<Long> jobs;
    OperationStatus status = OperationStatus.QUEUED;
    Instant updated;
    String error;
    /** Set while a resume cleans up after its own failure. */
    String failure;
    /** Set when that clean-up failed: only Slurm is still told (node DOWN), what is left stays for a suspend. */
    boolean cleanupFailed;
    /** Set when marking the node DOWN after the failure failed once and is tried again. */
    boolean markDownRetried;
    /** Set when a transition of this operation could not be written to the journal: the operation fails. */
    String journalFailure;
    boolean cancelRequested;
    boolean stepRunning;
    int failedAttempts;
    /** When the current run of transient failures of a step began; null while it succeeds. */
    Instant failingSince;
    TaskScheduler.Cancellable timer;

    Operation(String id, OperationKind kind, NodeRecord node, Instant created, List<Long> jobs) {
        this.id = id;
        this.kind = kind;
        this.node = node;
        this.created = created;
        this.updated = created;
        this.jobs = List.copyOf(jobs);
    }

    OperationView view() {
        return new OperationView(id, kind, node.name, node.poolName, status, created, updated,
                Optional.ofNullable(error), jobs);
    }
}
