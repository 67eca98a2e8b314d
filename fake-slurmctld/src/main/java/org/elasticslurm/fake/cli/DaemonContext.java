package org.elasticslurm.fake.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.UnknownSlurmVersionException;

/**
 * What a daemon command (slurmctld, slurmd) runs with: its environment, output streams and usage text, and what
 * it makes of the options both daemons share.
 */
final class DaemonContext {

    final String program;
    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    private final List<String> usage;

    DaemonContext(String program, Map<String, String> env, PrintStream out, PrintStream err, List<String> usage) {
        this.program = program;
        this.env = env;
        this.out = out;
        this.err = err;
        this.usage = List.copyOf(usage);
    }

    /** Prints the usage text on stderr and returns {@code status}. */
    int usage(int status) {
        usage.forEach(err::println);
        return status;
    }

    /**
     * The emulated Slurm version: {@code option} (named {@code optionName}), else {@code ELASTIC_SLURM_VERSION},
     * else a real slurmctld's on PATH, else 24.11; an unknown option or environment value is refused at once.
     *
     * @return the version, or empty after printing the error (the daemon then ends with its usage status 1)
     */
    Optional<DropInVersion> version(Optional<String> option, String optionName) {
        DropInVersion version = new DropInVersion(option, optionName, env);
        try {
            version.check();
            return Optional.of(version);
        } catch (UnknownSlurmVersionException e) {
            err.println(program + ": error: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Prints the version as the real daemon's {@code -V} does ({@code slurm-wlm 24.11.5}) and returns 0, or 1. */
    int printVersion(DropInVersion version) {
        try {
            out.println(version.version().versionLine());
            return 0;
        } catch (UnknownSlurmVersionException e) {
            err.println(program + ": error: " + e.getMessage());
            return 1;
        }
    }

    /** slurm.conf: {@code -f FILE}, else {@code SLURM_CONF}, else /etc/slurm/slurm.conf. */
    Path confFile(Getopt.Parsed parsed) {
        return Path.of(parsed.last("conf").orElse(env.getOrDefault("SLURM_CONF", ClientContext.DEFAULT_CONF)));
    }

    /** The command line for the copy that runs in the background: the one given, without {@code -D}. */
    static List<String> backgroundArguments(List<String> args) {
        return args.stream().filter(a -> !a.equals("-D")).toList();
    }
}
