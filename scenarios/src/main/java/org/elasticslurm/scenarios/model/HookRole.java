package org.elasticslurm.scenarios.model;

/** The three programs slurmctld runs for power saving, by the short name scenario files use. */
public enum HookRole implements Keyword {
    /** ResumeProgram. */
    RESUME("resume", "ResumeProgram"),
    /** SuspendProgram. */
    SUSPEND("suspend", "SuspendProgram"),
    /** ResumeFailProgram. */
    RESUME_FAIL("resume-fail", "ResumeFailProgram");

    private final String keyword;
    private final String slurmKey;

    HookRole(String keyword, String slurmKey) {
        this.keyword = keyword;
        this.slurmKey = slurmKey;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    /** The slurm.conf key that names the program ({@code ResumeProgram}). */
    public String slurmKey() {
        return slurmKey;
    }

    @Override
    public String toString() {
        return keyword;
    }
}
