package org.elasticslurm.provisioner.backend;

/**
 * A backend failure, translated once at the backend's edge; carries the driver's error as cause.
 */
public class BackendException extends RuntimeException {
    private final boolean transientFailure;

    /**
     * @param message what failed, naming the node or domain
     * @param transientFailure whether a retry may succeed (connection lost, host busy)
     * @param cause the driver's error, or null
     */
    public BackendException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Whether a retry may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
