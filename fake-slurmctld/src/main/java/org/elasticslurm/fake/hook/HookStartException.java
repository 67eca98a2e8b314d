package org.elasticslurm.fake.hook;

/** A power-save program could not be started (the fork or the launcher failed). */
public final class HookStartException extends RuntimeException {
    public HookStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
