package org.elasticslurm.provisioner.operation;

/** Hears what a restart recovery that could not run at once did later (see {@link OperationEngine#recover}). */
public interface RecoveryListener {
    /** Reports nothing. */
    RecoveryListener SILENT = new RecoveryListener() {
        @Override
        public void retrying(String line) {
        }

        @Override
        public void recovered(String line) {
        }

        @Override
        public void gaveUp(String reason) {
        }
    };

    /** A later attempt failed too; the line says when the next one comes. */
    void retrying(String line);

    /** Recovery has run; the line holds its decisions. */
    void recovered(String line);

    /** Recovery gave up after its bound; the engine keeps refusing new work. */
    void gaveUp(String reason);
}
