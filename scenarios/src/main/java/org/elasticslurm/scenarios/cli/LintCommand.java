package org.elasticslurm.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.scenarios.lint.Finding;
import org.elasticslurm.scenarios.lint.LintOptions;
import org.elasticslurm.scenarios.lint.LintReport;
import org.elasticslurm.scenarios.lint.Linter;
import org.elasticslurm.scenarios.lint.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code elastic-lab lint --slurm-conf F [--boot-time D] [--burst N] [--strict]}. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Checks a slurm.conf's elastic (power saving / cloud) settings: hook program permissions, "
            + "CLOUD nodes without CPUs, TreeWidth, static nodes left suspendable, ResumeTimeout and SuspendTime "
            + "against a boot, rates against a burst, ResumeFailProgram.",
            "Findings print as file:line: severity: [rule] message."},
        footer = {"", "Exit status: 0 clean (notes and, without --strict, warnings allowed), 1 warnings with "
            + "--strict, 2 errors or an unreadable slurm.conf, 64 usage."})
final class LintCommand implements Callable<Integer> {
    private final LabContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = "--slurm-conf", required = true, paramLabel = "FILE", description = "the slurm.conf to check")
    Path slurmConf;

    @Option(names = "--boot-time", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "measured or configured time from ResumeProgram to a registered slurmd (e.g. 75s)")
    Duration bootTime;

    @Option(names = "--burst", paramLabel = "N", description = "nodes a burst wakes at once (default: every CLOUD node)")
    Integer burst;

    @Option(names = "--strict", description = "warnings fail too (exit 1)")
    boolean strict;

    LintCommand(LabContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        LintReport report = lint(ctx, slurmConf, options(bootTime, burst));
        print(report, spec.commandLine().getOut());
        return report.exitStatus(strict);
    }

    static LintOptions options(Duration bootTime, Integer burst) {
        return new LintOptions(Optional.ofNullable(bootTime), burst == null ? OptionalInt.empty() : OptionalInt.of(burst));
    }

    static LintReport lint(LabContext ctx, Path file, LintOptions options) {
        SlurmConf conf = ctx.confParser().parse(file);
        return Linter.standard(ctx.hookRules()).lint(conf, options);
    }

    static void print(LintReport report, PrintWriter out) {
        for (Finding f : report.findings()) {
            out.println(f);
        }
        out.printf("%d error(s), %d warning(s), %d note(s)%n", report.count(Severity.ERROR),
                report.count(Severity.WARNING), report.count(Severity.INFO));
        out.flush();
    }
}
