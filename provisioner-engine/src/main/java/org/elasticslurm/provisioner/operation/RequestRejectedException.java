package org.elasticslurm.provisioner.operation;

/** A request the provisioner refuses before changing anything; the message names the bad part and the rule. */
public final class RequestRejectedException extends RuntimeException {

    /** Why it was refused. */
    public enum Reason {
        /** The request itself is malformed (bad hostlist, missing field, too many nodes). */
        MALFORMED,
        /** Well-formed, but names nodes this provisioner may not touch. */
        NOT_PROVISIONABLE,
        /** Asks for a node or operation that does not exist. */
        NOT_FOUND,
        /** Conflicts with the node's state in Slurm (e.g. a suspend of a node that runs a job). */
        CONFLICT,
        /** The service cannot take new work now (e.g. its operation log cannot be written); retry later. */
        UNAVAILABLE
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what was wrong and the rule
     */
    public RequestRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why it was refused. */
    public Reason reason() {
        return reason;
    }
}
