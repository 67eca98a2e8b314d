package org.elasticslurm.fake.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final List<String> USAGE = List.of(
            "Usage: slurmd [OPTIONS]",
            "   -b                         Report node reboot now.",
            "   -D                         Run daemon in foreground.",
            "   -f config                  Read configuration from the specified file.",
            "   -h                         Print this help message.",
            "   -L logfile                 Log messages to the file `logfile'.",
            "   -N node                    Run the daemon for specified nodename.",
            "   -v                         Verbose mode. Multiple -v's increase verbosity.",
            "   -V                         Print version information and exit.");

    private final DaemonContext ctx;

    SlurmdCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.ctx = new DaemonContext("slurmd", env, out, err, USAGE);
    }

    public static void main(String[] args) {
        System.exit(new SlurmdCommand(System.getenv(), System.out, System.err).run(Arrays.asList(args)));
    }

    int run(List<String> args) {
        Getopt.Parsed p;
        try {
            p = GETOPT.parse(args);
        } catch (Getopt.GetoptException e) {
            ctx.err.println("slurmd: " + e.getMessage());
            return ctx.usage(1);
        }
        if (p.has("help")) {
            return ctx.usage(0);
        }
        Optional<DropInVersion> version = ctx.version(Optional.empty(), "");
        if (version.isEmpty()) {
            return ctx.usage(1);
        }
        if (p.has("version")) {
            return ctx.printVersion(version.get());
        }
        if (!p.operands().isEmpty()) {
            ctx.err.println("slurmd: invalid argument -- '" + p.operands().get(0) + "'");
            return ctx.usage(1);
        }
        Optional<String> node = p.last("node");
        if (node.isEmpty()) {
            ctx.err.println("slurmd: error: this slurmd needs -N NODE: it runs as one node of slurm.conf");
            ctx.err.println("slurmd: fatal: Unable to determine this slurmd's NodeName");
            return 1;
        }
        return SlurmdDaemon.run(new SlurmdDaemon.Options(ctx.confFile(p), node.get(), p.has("reboot"),
                p.has("foreground"), p.last("logfile").map(Path::of), DaemonContext.backgroundArguments(args),
                version.get().version()),
                ctx.err);
    }
}
