package org.elasticslurm.fake.hook;

/** The three power-save programs slurmctld runs. */
public enum HookKind {
    /** SuspendProgram. */
    SUSPEND("SuspendProgram"),
    /** ResumeProgram (gets SLURM_RESUME_FILE). */
    RESUME("ResumeProgram"),
    /** ResumeFailProgram. */
    RESUME_FAIL("ResumeFailProgram");

    private final String parameter;

    HookKind(String parameter) {
        this.parameter = parameter;
    }

    /** The slurm.conf parameter naming the program. */
    public String parameter() {
        return parameter;
    }
}
