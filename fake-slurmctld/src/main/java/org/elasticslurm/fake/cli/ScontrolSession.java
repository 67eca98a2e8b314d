package org.elasticslurm.fake.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireException;

/**
 * What the commands of one scontrol run share: the options -o and -Q, the exit status, the controller connection
 * (opened on first use) and the way scontrol reports a failed call ({@code PREFIX: error text}).
 */
final class ScontrolSession {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final String UNREACHABLE = "Unable to contact slurm controller (connect failure)";

    final ClientContext ctx;
    final SlurmTimes times = SlurmTimes.local();
    private final Runnable usage;
    private boolean oneLiner;
    private boolean quiet;
    private int exitCode;
    private ControllerClient client;

    ScontrolSession(ClientContext ctx, Runnable usage) {
        this.ctx = ctx;
        this.usage = usage;
    }

    void options(boolean oneLiner, boolean quiet) {
        this.oneLiner = oneLiner;
        this.quiet = quiet;
    }

    boolean oneLiner() {
        return oneLiner;
    }

    boolean quiet() {
        return quiet;
    }

    int exitCode() {
        return exitCode;
    }

    /** The command failed: scontrol exits 1. */
    void fail() {
        exitCode = 1;
    }

    /** The command failed with {@code message} on stderr, unless -Q. */
    void failQuietly(String message) {
        exitCode = 1;
        if (!quiet) {
            ctx.err.println(message);
        }
    }

    void usage() {
        usage.run();
    }

    ControllerClient controller() {
        if (client == null) {
            client = ctx.controller(READ_TIMEOUT);
        }
        return client;
    }

    /** A command answered with success or a Slurm error, printed as {@code PREFIX: error text}. */
    void simple(String prefix, Supplier<Optional<String>> call) {
        Optional<String> error;
        try {
            error = call.get();
        } catch (UnreachableException | WireException e) {
            failed(prefix, e);
            return;
        }
        if (error.isPresent()) {
            failQuietly(prefix + ": " + error.get());
        }
    }

    /** The controller could not be asked or did not answer sensibly. */
    void failed(String prefix, RuntimeException e) {
        failQuietly(prefix + ": " + (e instanceof UnreachableException ? UNREACHABLE : e.getMessage()));
    }

    void tooMany(String tag) {
        failQuietly("too many arguments for keyword:" + tag);
    }
}
