package org.elasticslurm.scenarios.lint;

import java.util.Set;
import org.elasticslurm.conf.SlurmVersion;

/**
 * Marks the findings of rules that depend on the Slurm version (the slurm.conf keys and messages of
 * {@link SlurmConfRule}, slurmctld's hook program checks of {@link HookProgramsRule}) with the version they
 * assumed, and, for a version without its own data, the version whose rules were used instead.
 */
public final class VersionAssumption {

    /** The rules whose verdict depends on the Slurm version. */
    public static final Set<String> VERSION_DEPENDENT = Set.of(SlurmConfRule.ID, HookProgramsRule.ID);

    private VersionAssumption() {
    }

    /** The report with each version-dependent finding's message ending in the version assumed. */
    public static LintReport mark(LintReport report, SlurmVersion version) {
        String note = version.rulesVersion() == version
                ? " [assumed Slurm " + version + "]"
                : " [assumed Slurm " + version + ", checked by Slurm " + version.rulesVersion() + "'s rules]";
        return new LintReport(report.findings().stream()
                .map(f -> VERSION_DEPENDENT.contains(f.rule())
                        ? new Finding(f.rule(), f.severity(), f.file(), f.line(), f.message() + note) : f)
                .toList());
    }
}
