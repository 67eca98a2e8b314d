package org.elasticslurm.scenarios.lint;

import java.util.Comparator;
import java.util.List;

/** The findings for one slurm.conf, ordered by file, line and rule. */
public record LintReport(List<Finding> findings) {
    /** Exit status: clean (or only notes). */
    public static final int CLEAN = 0;
    /** Exit status: warnings, with {@code --strict}. */
    public static final int WARNINGS = 1;
    /** Exit status: errors. */
    public static final int ERRORS = 2;

    public LintReport {
        findings = findings.stream().sorted(Comparator.comparing((Finding f) -> f.file().toString())
                .thenComparingInt(Finding::line).thenComparing(Finding::rule)).toList();
    }

    /** Findings of at least this severity. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** 2 with errors; 1 with warnings when strict; else 0. */
    public int exitStatus(boolean strict) {
        if (count(Severity.ERROR) > 0) {
            return ERRORS;
        }
        return strict && count(Severity.WARNING) > 0 ? WARNINGS : CLEAN;
    }
}
