package org.elasticslurm.scenarios.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.elasticslurm.scenarios.lint.Finding;
import org.elasticslurm.scenarios.lint.LintReport;
import org.elasticslurm.scenarios.lint.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code elastic-lab lint --slurm-conf F [--boot-time D] [--burst N] [--strict] [--slurm-version V]}. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Checks a slurm.conf's elastic (power saving / cloud) settings: hook program permissions, "
            + "CLOUD nodes without CPUs, TreeWidth, static nodes left suspendable, ResumeTimeout and SuspendTime "
            + "against a boot, rates against a burst, ResumeFailProgram.",
            "Findings print as file:line: severity: [rule] message."},
        footer = {"", "Exit status: 0 clean (notes and, without --strict, warnings allowed), 1 warnings with "
            + "--strict, 2 errors or an unreadable slurm.conf, 64 usage."})
final class LintCommand implements Callable<Integer> {
    private LabContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    LintSettings settings;

    @Mixin
    SlurmVersionOption slurmVersion;

    LintCommand(LabContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx = slurmVersion.apply(ctx);
        LintReport report = settings.lint(ctx);
        PrintWriter out = spec.commandLine().getOut();
        print(report, out);
        out.println(slurmVersion.summaryLine());
        out.flush();
        return report.exitStatus(settings.strict);
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
