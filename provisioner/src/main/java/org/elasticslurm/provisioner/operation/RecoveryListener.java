package org.elasticslurm.provisioner.operation;

/** Hears what a restart recovery that could not run at once did later (see {@link OperationEngine#recover}). */
public interface RecoveryListener {
    /** Reports nothing. */
    RecoveryListener SILENT = new RecoveryListener() {
        @Override
        public void later(String line) {
        }

        @Override
        public void gaveUp(String reason) {
        }
    };

    /** A line for the log: a failed attempt, or the decisions once recovery has run. */
    void later(String line);

    /** Recovery gave up after its bound; the engine keeps refusing new work. */
    void gaveUp(String reason);
}
