package org.elasticslurm.scenarios.target;

/** A target could not set up its lab or carry out an action; the message names what and why. */
public class TargetException extends RuntimeException {
    /** @param message what failed, @param cause the underlying error, or null */
    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
