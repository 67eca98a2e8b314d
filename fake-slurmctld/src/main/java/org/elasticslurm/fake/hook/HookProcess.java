package org.elasticslurm.fake.hook;

import java.util.Optional;

/**
 * A started power-save program. The controller polls it once a second ({@code waitpid(WNOHANG)} in 22.05) and
 * releases it after it ended, which is when its resume file stops being readable.
 */
public interface HookProcess {

    /** The program's process id. */
    long pid();

    /** How it ended, or empty while it runs. */
    Optional<HookExit> pollExit();

    /** Frees what the run holds (the resume file); called once, after {@link #pollExit()} reported the end. */
    void release();
}
