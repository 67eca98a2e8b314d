package org.elasticslurm.fake.wire;

/** A message on the wire that does not follow the protocol (bad JSON, a missing or mistyped field). */
public final class WireException extends RuntimeException {

    public WireException(String message) {
        super(message);
    }

    public WireException(String message, Throwable cause) {
        super(message, cause);
    }
}
