package org.elasticslurm.scenarios.lint;

/** How bad a finding is; decides the exit status of {@code elastic-lab lint}. */
public enum Severity {
    /** What was not checked, or a consequence worth knowing; never fails a build. */
    INFO,
    /** Works, but likely not as meant; fails a build with {@code --strict}. */
    WARNING,
    /** Power saving will not work as configured. */
    ERROR;

    /** Lower case, as printed. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
