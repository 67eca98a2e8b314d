package org.elasticslurm.fake.wire;

/** Nothing listens at the daemon's address, or it stopped answering. */
public final class UnreachableException extends RuntimeException {

    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
