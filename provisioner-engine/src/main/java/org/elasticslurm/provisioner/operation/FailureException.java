package org.elasticslurm.provisioner.operation;

/** A step found that its operation cannot succeed (no address in time, post-config failed). Not transient. */
final class FailureException extends RuntimeException {
    FailureException(String message) {
        super(message);
    }
}
