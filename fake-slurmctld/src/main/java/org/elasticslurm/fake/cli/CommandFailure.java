package org.elasticslurm.fake.cli;

/** Ends a command with an exit status (0 included) after its messages have been printed. */
final class CommandFailure extends RuntimeException {

    final int status;

    CommandFailure(int status) {
        super(null, null, false, false);
        this.status = status;
    }
}
