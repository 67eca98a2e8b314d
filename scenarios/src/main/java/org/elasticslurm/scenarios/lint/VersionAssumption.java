package org.elasticslurm.scenarios.lint;

import java.util.Map;
import org.elasticslurm.conf.SlurmVersion;

/**
 * Marks the findings of rules that depend on the Slurm version with the version they assumed, and, for a rule
 * that has no data of that version yet, the version whose data it used: the slurm.conf keys, messages and
 * defaults of {@link SlurmConfRule}, {@link TreeWidthRule} and {@link SuspendExcStatesRule} are each version's own; slurmctld's hook program
 * checks of {@link HookProgramsRule} are 22.05's (26.05 logs other lines for an invalid program).
 */
public final class VersionAssumption {

    /** The rules whose verdict depends on the Slurm version, and whether their data is each version's own. */
    private static final Map<String, Boolean> OWN_DATA = Map.of(
            SlurmConfRule.ID, true,
            TreeWidthRule.ID, true,
            SuspendExcStatesRule.ID, true,
            HookProgramsRule.ID, false);

    private VersionAssumption() {
    }

    /** Whether a rule's verdict depends on the Slurm version. */
    public static boolean versionDependent(String rule) {
        return OWN_DATA.containsKey(rule);
    }

    /** The report with each version-dependent finding's message ending in the version assumed. */
    public static LintReport mark(LintReport report, SlurmVersion version) {
        return new LintReport(report.findings().stream()
                .map(f -> versionDependent(f.rule())
                        ? new Finding(f.rule(), f.severity(), f.file(), f.line(), f.message() + note(f.rule(), version))
                        : f)
                .toList());
    }

    private static String note(String rule, SlurmVersion version) {
        return OWN_DATA.get(rule) || version == SlurmVersion.V22_05
                ? " [assumed Slurm " + version + "]"
                : " [assumed Slurm " + version + ", checked by Slurm 22.05's rules]";
    }
}
