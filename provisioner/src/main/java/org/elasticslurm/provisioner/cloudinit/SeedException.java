package org.elasticslurm.provisioner.cloudinit;

/** A seed ISO could not be built; the message carries the tool's output. */
public class SeedException extends RuntimeException {
    /**
     * @param message what failed
     * @param cause the underlying error, or null
     */
    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
