package org.elasticslurm.fake.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.slurmd.SlurmdDaemon;

/** The drop-in {@code slurmd [-D] -N NODE [-b] [-f FILE] [-L LOGFILE] [-v] [-V] [-h]}. */
public final class SlurmdCommand {

    private static final Getopt GETOPT = new Getopt(List.of(
            Getopt.flag("reboot", 'b', null),
            Getopt.flag("cleanup", 'c', null),
            Getopt.flag("print", 'C', null),
            Getopt.value("stepd", 'd', null),
            Getopt.flag("foreground", 'D', null),
            Getopt.value("conf", 'f', null),
            Getopt.flag("help", 'h', null),
            Getopt.value("logfile", 'L', null),
            Getopt.flag("mlock", 'M', null),
            Getopt.value("nice", 'n', null),
            Getopt.value("node", 'N', null),
            Getopt.flag("setwd", 's', null),
            Getopt.flag("verbose", 'v', null),
            Getopt.flag("version", 'V', null)), false);

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    SlurmdCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new SlurmdCommand(System.getenv(), System.out, System.err).run(Arrays.asList(args)));
    }

    int run(List<String> args) {
        Getopt.Parsed p;
        try {
            p = GETOPT.parse(args);
        } catch (Getopt.GetoptException e) {
            err.println("slurmd: " + e.getMessage());
            usage();
            return 1;
        }
        if (p.has("help")) {
            usage();
            return 0;
        }
        if (p.has("version")) {
            out.println("slurm " + SlurmController.SLURM_VERSION);
            return 0;
        }
        if (!p.operands().isEmpty()) {
            err.println("slurmd: invalid argument -- '" + p.operands().get(0) + "'");
            usage();
            return 1;
        }
        Optional<String> node = p.last("node");
        if (node.isEmpty()) {
            err.println("slurmd: error: this slurmd needs -N NODE: it runs as one node of slurm.conf");
            err.println("slurmd: fatal: Unable to determine this slurmd's NodeName");
            return 1;
        }
        Path conf = Path.of(p.last("conf").orElse(env.getOrDefault("SLURM_CONF", ClientContext.DEFAULT_CONF)));
        List<String> withoutForeground = args.stream().filter(a -> !a.equals("-D")).toList();
        return SlurmdDaemon.run(new SlurmdDaemon.Options(conf, node.get(), p.has("reboot"), p.has("foreground"),
                p.last("logfile").map(Path::of), withoutForeground), err);
    }

    private void usage() {
        for (String line : List.of(
                "Usage: slurmd [OPTIONS]",
                "   -b                         Report node reboot now.",
                "   -D                         Run daemon in foreground.",
                "   -f config                  Read configuration from the specified file.",
                "   -h                         Print this help message.",
                "   -L logfile                 Log messages to the file `logfile'.",
                "   -N node                    Run the daemon for specified nodename.",
                "   -v                         Verbose mode. Multiple -v's increase verbosity.",
                "   -V                         Print version information and exit.")) {
            err.println(line);
        }
    }
}
