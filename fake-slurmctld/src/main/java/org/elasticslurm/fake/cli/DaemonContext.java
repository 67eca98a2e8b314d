package org.elasticslurm.fake.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elasticslurm.fake.controller.SlurmController;

/**
 * What a daemon command (slurmctld, slurmd) runs with: its environment, output streams and usage text, and what
 * it makes of the options both daemons share.
 */
final class DaemonContext {

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    private final List<String> usage;

    DaemonContext(Map<String, String> env, PrintStream out, PrintStream err, List<String> usage) {
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

    /** Prints the version on stdout and returns 0. */
    int version() {
        out.println("slurm " + SlurmController.SLURM_VERSION);
        return 0;
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
