package org.elasticslurm.provisioner.operation;

import java.util.Optional;

/**
 * Where the engine records every transition durably (the operation log). A write that fails throws; the
 * engine then fails the operation, refuses new work and probes the journal until it can write again.
 */
public interface OperationJournal extends OperationListener {

    /** A journal that keeps nothing and never fails (tests, benchmarks). */
    OperationJournal NONE = new OperationJournal() {
        @Override
        public void onEvent(OperationEvent event) {
        }

        @Override
        public Optional<String> failure() {
            return Optional.empty();
        }

        @Override
        public boolean probe() {
            return true;
        }
    };

    /**
     * Records one transition.
     *
     * @throws OperationLogException when it could not be written completely
     */
    @Override
    void onEvent(OperationEvent event);

    /** Why the last write failed, while it is not writable again; empty while writes succeed. */
    Optional<String> failure();

    /**
     * Tries to write again after a failure (repairing a torn line first). Cheap while writes succeed.
     *
     * @return whether the journal is writable now
     */
    boolean probe();
}
