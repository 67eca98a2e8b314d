package org.elasticslurm.scenarios.model;

import java.util.Optional;
import org.elasticslurm.conf.PowerSaveSettings;

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

    /** The program slurm.conf names for this role ({@link #slurmKey()}, as written), if it names one. */
    public Optional<String> program(PowerSaveSettings settings) {
        return switch (this) {
            case RESUME -> settings.resumeProgram();
            case SUSPEND -> settings.suspendProgram();
            case RESUME_FAIL -> settings.resumeFailProgram();
        };
    }

    @Override
    public String toString() {
        return keyword;
    }
}
