package org.elasticslurm.scenarios.cli;

import java.util.Optional;
import org.elasticslurm.conf.InstalledSlurm;
import org.elasticslurm.conf.SlurmVersionChoice;
import org.elasticslurm.conf.UnknownSlurmVersionException;
import org.elasticslurm.scenarios.target.SlurmctldVersion;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --slurm-version V}, the option every command shares (a picocli mixin): the Slurm version emulated and
 * checked against; else {@code ELASTIC_SLURM_VERSION}; else the version of a real {@code slurmctld -V} on PATH;
 * else 24.11. An unknown value is a usage error naming where it came from.
 */
final class SlurmVersionOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--slurm-version", paramLabel = "V",
            description = "the Slurm version to emulate (on real-slurm: to run, from the root of ci/slurm-root.sh for "
                    + "24.11 and 26.05): 22.05, 24.11 or 26.05 (default: ELASTIC_SLURM_VERSION, "
                    + "else the version of a real slurmctld on PATH, else 24.11); slurm.conf is read and slurmctld's "
                    + "power saving emulated as that version's")
    String value;

    private SlurmVersionChoice chosen;

    /**
     * Chooses the version and returns the context that reads slurm.conf by the version's rules.
     *
     * @throws ParameterException (exit 64) for an unknown version, naming it, its source and the known versions
     */
    LabContext apply(LabContext ctx) {
        return apply(ctx, false);
    }

    /**
     * As {@link #apply(LabContext)}; {@code hostDaemons} also looks for the host's slurmctld in {@code /usr/sbin}
     * after PATH (a user's PATH often lacks it): the default of the real-slurm target is the host's own version.
     */
    LabContext apply(LabContext ctx, boolean hostDaemons) {
        String path = ctx.env().getOrDefault("PATH", "");
        try {
            chosen = SlurmVersionChoice.choose(Optional.ofNullable(value), "--slurm-version", ctx.env(),
                    new InstalledSlurm(hostDaemons ? path + java.io.File.pathSeparator + "/usr/sbin" : path,
                            Optional.empty()));
        } catch (UnknownSlurmVersionException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return ctx.withVersion(chosen.version());
    }

    /** The chosen version. */
    SlurmVersionChoice chosen() {
        return chosen;
    }

    /** The summary's version line: {@code Slurm 24.11 (emulated)}. */
    String summaryLine() {
        return summaryLine(new SlurmctldVersion.Emulated());
    }

    /**
     * The version line of a run with {@code slurmctld}: {@code Slurm 24.11 (emulated)}, {@code Slurm 24.11 (real:
     * slurmctld -V: slurm-wlm 24.11.5)}, or {@code Slurm 24.11 (real slurmctld; its version was not read: WHY)}.
     */
    String summaryLine(SlurmctldVersion slurmctld) {
        return "Slurm " + chosen.version() + " (" + slurmctld.reportNote().summary() + ")";
    }

    /**
     * What the report's title adds for a run with {@code slurmctld}: nothing when emulated; for a real one the
     * version chosen and what its {@code slurmctld -V} said ({@code  --slurm-version 24.11 (slurmctld -V:
     * slurm-wlm 24.11.5)}) or why it was not read.
     */
    String titleSuffix(SlurmctldVersion slurmctld) {
        return slurmctld.reportNote().title().map(note -> " --slurm-version " + chosen.version() + " (" + note + ")")
                .orElse("");
    }
}
