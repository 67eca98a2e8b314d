package org.elasticslurm.fake.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.fake.server.SlurmctldDaemon;

/**
 * The drop-in {@code slurmctld [-D] [-c] [-f FILE] [-L LOGFILE] [-s] [-i] [-R] [-v] [-V] [-h]
 * [--slurm-version V] [--state-feed FILE] [--monotonic-start-ms MS]}; {@code --state-feed} (not in Slurm) appends
 * every change of a node's shown state to FILE (see {@link org.elasticslurm.fake.controller.NodeStateFeed});
 * {@code --monotonic-start-ms} (not in Slurm) is CLOCK_MONOTONIC's reading at the start, which places 24.11's
 * ResumeRate/SuspendRate refill grid (default 0, see {@link org.elasticslurm.fake.controller.ControllerOptions}).
 */
public final class SlurmctldCommand {

    private static final Getopt GETOPT = new Getopt(List.of(
            Getopt.flag("clear", 'c', null),
            Getopt.flag("foreground", 'D', null),
            Getopt.value("conf", 'f', null),
            Getopt.flag("help", 'h', null),
            Getopt.flag("ignore", 'i', null),
            Getopt.value("logfile", 'L', null),
            Getopt.value("monotonic-start-ms", '\0', "monotonic-start-ms"),
            Getopt.value("nice", 'n', null),
            Getopt.value("slurm-version", '\0', "slurm-version"),
            Getopt.flag("recover", 'R', null),
            Getopt.flag("setwd", 's', null),
            Getopt.value("state-feed", '\0', "state-feed"),
            Getopt.flag("verbose", 'v', null),
            Getopt.flag("version", 'V', null)), false);
    private static final List<String> USAGE = List.of(
            "Usage: slurmctld [OPTIONS]",
            "  -c      \tDo not recover state from last checkpoint.",
            "  -D      \tRun daemon in foreground, with logging copied to stdout.",
            "  -f file \tUse specified file for slurmctld configuration.",
            "  -h      \tPrint this help message.",
            "  -i      \tIgnore errors found while reading in state files on startup.",
            "  -L logfile \tLog messages to the specified file.",
            "  -n value \tRun the daemon at the specified nice value.",
            "  -R      \tRecover full state from last checkpoint.",
            "  -s      \tChange working directory to SlurmctldLogFile/StateSaveLocation.",
            "  -v      \tVerbose mode. Multiple -v's increase verbosity.",
            "  -V      \tPrint version information and exit.");

    private final DaemonContext ctx;

    SlurmctldCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.ctx = new DaemonContext("slurmctld", env, out, err, USAGE);
    }

    public static void main(String[] args) {
        System.exit(new SlurmctldCommand(System.getenv(), System.out, System.err).run(Arrays.asList(args)));
    }

    int run(List<String> args) {
        Getopt.Parsed p;
        try {
            p = GETOPT.parse(args);
        } catch (Getopt.GetoptException e) {
            return ctx.usage(1);
        }
        if (!p.operands().isEmpty()) {
            return ctx.usage(1);
        }
        if (p.has("help")) {
            return ctx.usage(0);
        }
        Optional<DropInVersion> version = ctx.version(p.last("slurm-version"), "--slurm-version");
        if (version.isEmpty()) {
            return ctx.usage(1);
        }
        if (p.has("version")) {
            return ctx.printVersion(version.get());
        }
        String monotonic = p.last("monotonic-start-ms").orElse("0");
        if (!monotonic.matches("[0-9]{1,15}")) {
            ctx.err.println("slurmctld: error: --monotonic-start-ms takes the milliseconds of CLOCK_MONOTONIC at the "
                    + "start, a whole number from 0, got \"" + monotonic + "\"");
            return ctx.usage(1);
        }
        return SlurmctldDaemon.run(new SlurmctldDaemon.Options(ctx.confFile(p), p.has("foreground"),
                p.last("logfile").map(Path::of), DaemonContext.backgroundArguments(args), version.get().version(),
                p.last("state-feed").map(Path::of), Long.parseLong(monotonic)),
                ctx.err);
    }
}
