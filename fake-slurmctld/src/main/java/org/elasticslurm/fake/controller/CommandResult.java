package org.elasticslurm.fake.controller;

import java.util.Optional;

/**
 * The answer to a command (scontrol update, a step start ...): success, or the Slurm error the client prints.
 *
 * @param error empty on success
 */
public record CommandResult(Optional<SlurmError> error) {

    static final CommandResult OK = new CommandResult(Optional.empty());

    static CommandResult failed(SlurmError error) {
        return new CommandResult(Optional.of(error));
    }

    /** Whether the command succeeded. */
    public boolean ok() {
        return error.isEmpty();
    }
}
