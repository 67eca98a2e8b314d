package org.elasticslurm.provisioner.process;

/** A command could not be started (missing binary, no permission); carries the cause. */
public class ProcessStartException extends RuntimeException {
    /**
     * @param message which program and why
     * @param cause the I/O error of the start
     */
    public ProcessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
