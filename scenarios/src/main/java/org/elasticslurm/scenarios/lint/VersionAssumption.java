package org.elasticslurm.scenarios.lint;

import java.util.Set;
import org.elasticslurm.conf.SlurmVersion;

/**
 * Marks the findings of rules that depend on the Slurm version with the version they assumed
 * ({@code [assumed Slurm 24.11]}): the slurm.conf keys, messages and defaults of {@link SlurmConfRule},
 * {@link TreeWidthRule} and {@link SuspendExcStatesRule}, and slurmctld's hook program checks and their messages of
 * {@link HookProgramsRule}, each version's own.
 */
public final class VersionAssumption {

    /** The rules whose verdict or wording depends on the Slurm version. */
    private static final Set<String> VERSION_DEPENDENT = Set.of(SlurmConfRule.ID, TreeWidthRule.ID,
            SuspendExcStatesRule.ID, HookProgramsRule.ID);

    private VersionAssumption() {
    }

    /** Whether a rule's verdict depends on the Slurm version. */
    public static boolean versionDependent(String rule) {
        return VERSION_DEPENDENT.contains(rule);
    }

    /** The report with each version-dependent finding's message ending in the version assumed. */
    public static LintReport mark(LintReport report, SlurmVersion version) {
        return new LintReport(report.findings().stream()
                .map(f -> versionDependent(f.rule())
                        ? new Finding(f.rule(), f.severity(), f.file(), f.line(),
                                f.message() + " [assumed Slurm " + version + "]")
                        : f)
                .toList());
    }
}
