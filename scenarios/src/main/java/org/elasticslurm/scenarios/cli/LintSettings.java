package org.elasticslurm.scenarios.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfException;
import org.elasticslurm.scenarios.lint.LintOptions;
import org.elasticslurm.scenarios.lint.LintReport;
import org.elasticslurm.scenarios.lint.Linter;
import org.elasticslurm.scenarios.lint.VersionAssumption;
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

    @Option(names = "--root", paramLabel = "DIR",
            description = "the controller's files staged under DIR: an absolute hook program /p (SuspendProgram, "
                    + "ResumeProgram, ResumeFailProgram) is checked at DIR/p (default: on this machine's paths)")
    Path root;

    /** The rules' settings. */
    LintOptions options() {
        return new LintOptions(Optional.ofNullable(bootTime),
                burst == null ? OptionalInt.empty() : OptionalInt.of(burst), Optional.ofNullable(root));
    }

    private SlurmConf parsed;

    /**
     * Lints the slurm.conf with the standard rules (findings of version-dependent rules name the version of
     * {@code ctx}'s parser); a file the parser refuses gives its errors as findings (a file
     * that cannot be read at all is an exception).
     */
    LintReport lint(LabContext ctx) {
        Linter linter = Linter.standard(ctx.hookRules());
        try {
            parsed = ctx.confParser().parse(slurmConf);
        } catch (SlurmConfException e) {
            if (e.errors().size() == 1 && e.location().line() == 0) {
                throw e;
            }
            return VersionAssumption.mark(linter.refused(e), ctx.confParser().version());
        }
        return VersionAssumption.mark(linter.lint(parsed, options(), ctx.confParser().version()),
                ctx.confParser().version());
    }

    /** The configuration {@link #lint} read, or empty when the parser refused it. */
    Optional<SlurmConf> parsed() {
        return Optional.ofNullable(parsed);
    }
}
