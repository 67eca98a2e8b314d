package org.elasticslurm.scenarios.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.scenarios.lint.LintOptions;
import org.elasticslurm.scenarios.lint.LintReport;
import org.elasticslurm.scenarios.lint.Linter;
import picocli.CommandLine.Option;

/**
 * The options {@code lint} and {@code validate} share (a picocli mixin): the slurm.conf, the boot time and burst
 * the rules measure it against, and whether warnings fail.
 */
final class LintSettings {

    @Option(names = "--slurm-conf", required = true, paramLabel = "FILE", description = "the site's slurm.conf")
    Path slurmConf;

    @Option(names = "--boot-time", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "measured or configured time from ResumeProgram to a registered slurmd (e.g. 75s), for "
                    + "the ResumeTimeout/SuspendTime rules")
    Duration bootTime;

    @Option(names = "--burst", paramLabel = "N",
            description = "nodes a burst wakes at once (default: every CLOUD node up to 32, else a tenth of them, "
                    + "at least 32)")
    Integer burst;

    @Option(names = "--strict", description = "lint warnings fail too (exit 1)")
    boolean strict;

    /** The rules' settings. */
    LintOptions options() {
        return new LintOptions(Optional.ofNullable(bootTime),
                burst == null ? OptionalInt.empty() : OptionalInt.of(burst));
    }

    /** Lints the slurm.conf with the standard rules. */
    LintReport lint(LabContext ctx) {
        return Linter.standard(ctx.hookRules()).lint(ctx.confParser().parse(slurmConf), options());
    }
}
