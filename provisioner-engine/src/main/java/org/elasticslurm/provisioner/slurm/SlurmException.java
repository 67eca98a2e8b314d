package org.elasticslurm.provisioner.slurm;

import java.util.List;

/**
 * A Slurm command that failed, with what it said. The message reads
 * {@code scontrol update nodename=x ...: exit 1: slurm_update error: Invalid node name specified}.
 */
public final class SlurmException extends RuntimeException {
    private final List<String> command;
    private final int exitCode;
    private final String stderr;
    private final boolean transientFailure;

    /**
     * @param command the argument vector that was run
     * @param exitCode its exit status (-1 when it could not be started or was killed after the timeout)
     * @param stderr what it wrote to stderr, trimmed
     * @param transientFailure whether a retry may succeed (controller unreachable, timeout)
     * @param cause an underlying error, or null
     */
    public SlurmException(List<String> command, int exitCode, String stderr, boolean transientFailure,
                          Throwable cause) {
        super(String.join(" ", command) + ": exit " + exitCode + ": " + stderr, cause);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.transientFailure = transientFailure;
    }

    /** The argument vector that was run. */
    public List<String> command() {
        return command;
    }

    /** Exit status, or -1 when it could not be started or ran out of time. */
    public int exitCode() {
        return exitCode;
    }

    /** What the command wrote to stderr (the Slurm error text). */
    public String stderr() {
        return stderr;
    }

    /** Whether a retry may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
