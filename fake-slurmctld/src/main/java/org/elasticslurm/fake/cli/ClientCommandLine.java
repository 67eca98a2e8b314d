package org.elasticslurm.fake.cli;

import java.util.List;

/**
 * The command line of a client command (sinfo, squeue, scontrol, sbatch, srun) as far as they all treat it alike:
 * a line getopt refuses ends the command with getopt's complaint and the help hint; {@code --version} and
 * {@code --help} / {@code --usage} print their answer on stdout and end it with status 0 ({@code --version}: the
 * emulated Slurm version, see {@link DropInVersion}); an unknown {@code ELASTIC_SLURM_VERSION} ends it as a refused
 * line.
 */
final class ClientCommandLine {

    private final Getopt getopt;
    private final int refusedStatus;
    private final List<String> usage;

    /**
     * @param getopt        the command's options
     * @param refusedStatus the exit status of a refused command line
     * @param usage         the lines {@code --help} prints
     */
    ClientCommandLine(Getopt getopt, int refusedStatus, List<String> usage) {
        this.getopt = getopt;
        this.refusedStatus = refusedStatus;
        this.usage = List.copyOf(usage);
    }

    /**
     * The parsed command line of a run that goes on.
     *
     * @throws CommandFailure when the line is refused or was answered
     */
    Getopt.Parsed parse(List<String> args, ClientContext ctx) {
        Getopt.Parsed parsed;
        try {
            parsed = getopt.parse(args);
        } catch (Getopt.GetoptException e) {
            throw ctx.usage(e.getMessage(), refusedStatus);
        }
        ctx.checkVersion(refusedStatus);
        if (parsed.has("version")) {
            ctx.out.println(ctx.versionLine(refusedStatus));
            throw new CommandFailure(0);
        }
        if (parsed.has("help") || parsed.has("usage")) {
            printUsage(ctx);
            throw new CommandFailure(0);
        }
        return parsed;
    }

    /**
     * As {@link #parse}, and refuses operands, as a command that takes none.
     *
     * @throws CommandFailure when the line is refused or was answered
     */
    Getopt.Parsed parseWithoutOperands(List<String> args, ClientContext ctx) {
        Getopt.Parsed parsed = parse(args, ctx);
        if (!parsed.operands().isEmpty()) {
            throw ctx.usage("invalid argument -- '" + parsed.operands().get(0) + "'", refusedStatus);
        }
        return parsed;
    }

    /** Prints the usage lines on stdout. */
    void printUsage(ClientContext ctx) {
        usage.forEach(ctx.out::println);
    }
}
