package org.elasticslurm.provisioner.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.PostConfigurer;

/**
 * Runs a pool's post-configuration command as a {@link SupervisedProcess}: own process group, killed with it
 * after the timeout, always reaped, output kept for the operation log. The command gets the service's
 * environment.
 */
@ApplicationScoped
public class ProcessPostConfigurer implements PostConfigurer {
    private static final int TAIL = 2000;

    private final SupervisedProcess runner;

    /** The CDI constructor. */
    @Inject
    public ProcessPostConfigurer(Clock clock) {
        this(new SupervisedProcess(clock));
    }

    /** A post-configurer on a given runner. */
    public ProcessPostConfigurer(SupervisedProcess runner) {
        this.runner = runner;
    }

    @Override
    public Result run(List<String> command, Duration timeout) {
        ProcessOutcome outcome;
        try {
            outcome = runner.run(ProcessCommand.of(command, System.getenv(), timeout));
        } catch (ProcessStartException | IllegalArgumentException e) {
            throw new BackendException("post-config command could not be started: " + e.getMessage(), false, e);
        }
        if (outcome.ending() == ProcessOutcome.Ending.TIMED_OUT) {
            throw new BackendException("post-config command " + command.get(0) + " did not finish within " + timeout
                    + " and was killed with its process group; last output: " + tail(outcome.output()), false, null);
        }
        String output = outcome.outputTruncated() ? "[earlier output dropped]\n" + outcome.output() : outcome.output();
        return new Result(outcome.exitCode(), output);
    }

    private static String tail(String output) {
        return output.length() <= TAIL ? output : "..." + output.substring(output.length() - TAIL);
    }
}
