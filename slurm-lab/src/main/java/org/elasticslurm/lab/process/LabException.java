package org.elasticslurm.lab.process;

/** A lab could not be set up, run or torn down as asked; the message names what and why. */
public class LabException extends RuntimeException {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
