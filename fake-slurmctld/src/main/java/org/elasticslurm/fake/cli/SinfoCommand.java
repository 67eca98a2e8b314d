package org.elasticslurm.fake.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.fake.wire.NodeListing;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireException;

/** The drop-in {@code sinfo}: the default table, {@code -N}, {@code -R}, {@code -h}, {@code -o FORMAT}. */
public final class SinfoCommand {

    private static final Getopt GETOPT = new Getopt(List.of(
            Getopt.flag("all", 'a', "all"),
            Getopt.flag("dead", 'd', "dead"),
            Getopt.flag("exact", 'e', "exact"),
            Getopt.flag("noheader", 'h', "noheader"),
            Getopt.flag("long", 'l', "long"),
            Getopt.flag("Node", 'N', "Node"),
            Getopt.value("format", 'o', "format"),
            Getopt.value("partition", 'p', "partition"),
            Getopt.flag("list-reasons", 'R', "list-reasons"),
            Getopt.flag("responding", 'r', "responding"),
            Getopt.flag("summarize", 's', "summarize"),
            Getopt.flag("verbose", 'v', "verbose"),
            Getopt.flag("version", 'V', "version"),
            Getopt.flag("help", '\0', "help"),
            Getopt.flag("usage", '\0', "usage")), false);
    private static final ClientCommandLine COMMAND_LINE = new ClientCommandLine(GETOPT, 1,
            List.of("Usage: sinfo [-N] [-R] [-h] [-o format] [-p partition]"));

    private final ClientContext ctx;

    SinfoCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.ctx = new ClientContext("sinfo", env, out, err);
    }

    public static void main(String[] args) {
        int status = new SinfoCommand(System.getenv(), System.out, System.err).run(Arrays.asList(args));
        System.out.flush();
        System.exit(status);
    }

    int run(List<String> args) {
        try {
            Getopt.Parsed p = COMMAND_LINE.parseWithoutOperands(args, ctx);
            boolean nodeFlag = p.has("Node");
            boolean reasons = p.has("list-reasons");
            Optional<String> userFormat = p.last("format");
            String format = userFormat.orElse(reasons ? SinfoReport.REASONS
                    : nodeFlag ? SinfoReport.NODE_ORIENTED : SinfoReport.DEFAULT);
            if (userFormat.isPresent()) {
                for (OutputFormat.Field f : OutputFormat.parse(userFormat.get()).fields) {
                    if (!SinfoReport.knownField(f.letter())) {
                        ctx.error("Invalid node format specification: " + f.letter());
                        return 1;
                    }
                }
            }
            NodeListing listing;
            try {
                listing = ctx.controller(Duration.ofSeconds(30)).nodes(Optional.empty());
            } catch (UnreachableException e) {
                ctx.err.println("slurm_load_partitions: Unable to contact slurm controller (connect failure)");
                return 1;
            } catch (WireException e) {
                ctx.err.println("slurm_load_partitions: " + e.getMessage());
                return 1;
            }
            Optional<String> partition = p.last("partition");
            if (partition.isPresent()) {
                List<String> wanted = List.of(partition.get().split(","));
                listing = new NodeListing(listing.now(), listing.nodes(),
                        listing.partitions().stream().filter(x -> wanted.contains(x.name())).toList());
            }
            SinfoReport report = new SinfoReport(SlurmTimes.local());
            ctx.out.print(report.render(listing, new SinfoReport.Settings(format, nodeFlag, reasons,
                    !p.has("noheader"))));
            return 0;
        } catch (CommandFailure f) {
            return f.status;
        }
    }
}
