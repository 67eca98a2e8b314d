package org.elasticslurm.fake.api;

/** The three power-save programs slurmctld runs. */
public enum PowerSaveHook {
    /** ResumeProgram. */
    RESUME,
    /** SuspendProgram. */
    SUSPEND,
    /** ResumeFailProgram. */
    RESUME_FAIL
}
