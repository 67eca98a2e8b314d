package org.elasticslurm.provisioner.backend;

import java.time.Duration;
import java.util.List;

/**
 * Runs a pool's post-configuration command ({@code provisioner.pools.<name>.post-config.command}) once a
 * machine has its address, before Slurm is told about it. Implementations start a supervised child process
 * with an argument vector (no shell), kill it with its process group after the timeout, and always reap it.
 */
public interface PostConfigurer {

    /**
     * Runs the command and waits for it.
     *
     * @param command argument vector with placeholders already replaced; the first element is an absolute path
     * @param timeout how long it may run
     * @return exit status and output, also when the status is non-zero
     * @throws BackendException when it cannot be started or runs out of time (the message says which)
     */
    Result run(List<String> command, Duration timeout);

    /**
     * What a post-configuration run produced.
     *
     * @param exitCode the exit status
     * @param output stdout and stderr interleaved, possibly truncated, for the operation log
     */
    record Result(int exitCode, String output) {
    }
}
