package org.elasticslurm.fake.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfException;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.UnknownSlurmVersionException;
import org.elasticslurm.fake.controller.SlurmBehaviour;
import org.elasticslurm.fake.wire.SlurmAddresses;
import org.elasticslurm.fake.wire.WireClient;

/**
 * What a command runs with: its name (for messages), environment, output streams, and, when it needs them,
 * slurm.conf (from {@code SLURM_CONF}, else /etc/slurm/slurm.conf) and a client for the controller.
 */
final class ClientContext {

    /** Where Debian's Slurm looks for slurm.conf when SLURM_CONF is not set. */
    static final String DEFAULT_CONF = "/etc/slurm/slurm.conf";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    final String program;
    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    private final DropInVersion version;
    private SlurmConf conf;

    ClientContext(String program, Map<String, String> env, PrintStream out, PrintStream err) {
        this.program = program;
        this.env = env;
        this.out = out;
        this.err = err;
        this.version = DropInVersion.fromEnvironment(env);
    }

    /**
     * Refuses an unknown {@code ELASTIC_SLURM_VERSION}.
     *
     * @throws CommandFailure with {@code status} after naming the value and the known versions
     */
    void checkVersion(int status) {
        try {
            version.check();
        } catch (UnknownSlurmVersionException e) {
            error(e.getMessage());
            throw new CommandFailure(status);
        }
    }

    /**
     * The emulated version's line, as {@code --version} prints it ({@code slurm-wlm 24.11.5}).
     *
     * @throws CommandFailure with {@code status} when the version chosen is unknown
     */
    String versionLine(int status) {
        try {
            return version.version().versionLine();
        } catch (UnknownSlurmVersionException e) {
            error(e.getMessage());
            throw new CommandFailure(status);
        }
    }

    /**
     * What the emulated version changes (e.g. whether {@code scontrol power} exists).
     *
     * @throws CommandFailure with {@code status} when the version chosen is unknown
     */
    SlurmBehaviour behaviour(int status) {
        try {
            return SlurmBehaviour.of(version.version());
        } catch (UnknownSlurmVersionException e) {
            error(e.getMessage());
            throw new CommandFailure(status);
        }
    }

    /** The path of slurm.conf. */
    Path confPath() {
        return Path.of(env.getOrDefault("SLURM_CONF", DEFAULT_CONF));
    }

    /**
     * slurm.conf, parsed once with the rules of the emulated version.
     *
     * @throws CommandFailure after printing the error and Slurm's fatal line
     */
    SlurmConf conf() {
        if (conf == null) {
            try {
                conf = new SlurmConfParser(behaviour(1).version()).parse(confPath());
            } catch (SlurmConfException e) {
                e.errors().forEach(error -> error(error.toString()));
                throw fatal("Unable to process configuration file");
            }
        }
        return conf;
    }

    /** The controller's name and address. */
    SlurmAddresses.Controller controllerAddress() {
        try {
            return SlurmAddresses.controller(conf());
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            throw fatal("Unable to process configuration file");
        }
    }

    /** A client for the controller, waiting up to {@code readTimeout} for answers. */
    ControllerClient controller(Duration readTimeout) {
        return new ControllerClient(new WireClient(controllerAddress().address(), CONNECT_TIMEOUT, readTimeout));
    }

    /** Prints {@code PROGRAM: error: TEXT}. */
    void error(String text) {
        err.println(program + ": error: " + text);
    }

    /** Prints {@code PROGRAM: fatal: TEXT} and returns the failure to throw (exit status 1). */
    CommandFailure fatal(String text) {
        err.println(program + ": fatal: " + text);
        return new CommandFailure(1);
    }

    /** Prints getopt's complaint and the hint, and returns the failure to throw. */
    CommandFailure usage(String getoptMessage, int status) {
        err.println(program + ": " + getoptMessage);
        err.println("Try \"" + program + " --help\" for more information");
        return new CommandFailure(status);
    }
}
