package org.elasticslurm.provisioner.operation;

/** The operation log could not be written (e.g. "No space left on device"); the message names the file. */
public final class OperationLogException extends RuntimeException {

    /**
     * @param message what failed, with the file and the system's error
     * @param cause the I/O error
     */
    public OperationLogException(String message, Throwable cause) {
        super(message, cause);
    }
}
