package org.elasticslurm.fake.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.elasticslurm.fake.wire.JobInfo;
import org.elasticslurm.fake.wire.JobListing;
import org.elasticslurm.fake.wire.UnreachableException;
import org.elasticslurm.fake.wire.WireException;

/** The drop-in {@code squeue}: the default table, {@code -h}, {@code -o}, {@code -j}, {@code -p}, {@code -u}. */
public final class SqueueCommand {

    private static final Getopt GETOPT = new Getopt(List.of(
            Getopt.flag("all", 'a', "all"),
            Getopt.flag("noheader", 'h', "noheader"),
            Getopt.value("jobs", 'j', "jobs"),
            Getopt.flag("long", 'l', "long"),
            Getopt.value("format", 'o', "format"),
            Getopt.value("partition", 'p', "partition"),
            Getopt.value("user", 'u', "user"),
            Getopt.flag("verbose", 'v', "verbose"),
            Getopt.flag("version", 'V', "version"),
            Getopt.flag("help", '\0', "help"),
            Getopt.flag("usage", '\0', "usage")), false);
    private static final ClientCommandLine COMMAND_LINE = new ClientCommandLine(GETOPT, 1,
            List.of("Usage: squeue [-h] [-o format] [-j jobs] [-p partitions] [-u users]"));

    private final ClientContext ctx;

    SqueueCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.ctx = new ClientContext("squeue", env, out, err);
    }

    public static void main(String[] args) {
        int status = new SqueueCommand(System.getenv(), System.out, System.err).run(Arrays.asList(args));
        System.out.flush();
        System.exit(status);
    }

    int run(List<String> args) {
        try {
            Getopt.Parsed p = COMMAND_LINE.parseWithoutOperands(args, ctx);
            String format = p.last("format").orElse(SqueueReport.DEFAULT);
            for (OutputFormat.Field f : OutputFormat.parse(format).fields) {
                if (!SqueueReport.knownField(f.letter())) {
                    ctx.error("Invalid job format specification: " + f.letter());
                    return 1;
                }
            }
            ControllerClient.Result<JobListing> result;
            try {
                result = ctx.controller(Duration.ofSeconds(30)).jobs(Optional.empty());
            } catch (UnreachableException e) {
                ctx.err.println("slurm_load_jobs error: Unable to contact slurm controller (connect failure)");
                return 1;
            } catch (WireException e) {
                ctx.err.println("slurm_load_jobs error: " + e.getMessage());
                return 1;
            }
            if (result.error().isPresent()) {
                ctx.err.println("slurm_load_jobs error: " + result.error().get());
                return 1;
            }
            Predicate<JobInfo> filter = j -> true;
            Optional<String> jobs = p.last("jobs");
            if (jobs.isPresent()) {
                List<String> ids = List.of(jobs.get().split(","));
                filter = filter.and(j -> ids.contains(Long.toString(j.id())));
            }
            Optional<String> partitions = p.last("partition");
            if (partitions.isPresent()) {
                List<String> names = List.of(partitions.get().split(","));
                filter = filter.and(j -> names.contains(j.partition()));
            }
            Optional<String> users = p.last("user");
            if (users.isPresent()) {
                List<String> names = List.of(users.get().split(","));
                filter = filter.and(j -> names.contains(j.user()));
            }
            SqueueReport report = new SqueueReport(SlurmTimes.local());
            ctx.out.print(report.render(result.value().get(), format, !p.has("noheader"), filter));
            return 0;
        } catch (CommandFailure f) {
            return f.status;
        }
    }
}
