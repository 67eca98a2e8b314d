package org.elasticslurm.scenarios.cli;

/** Exit statuses of {@code elastic-lab}, for CI. */
public final class ExitCodes {
    /** Everything passed (lint: no errors, and no warnings with --strict). */
    public static final int OK = 0;
    /** A scenario failed; lint warnings with --strict. */
    public static final int FAILED = 1;
    /** Bad input (scenario, slurm.conf, workload) or lint errors. */
    public static final int INVALID = 2;
    /** What was asked needs a runner that is not available (yet, or on this machine). */
    public static final int UNAVAILABLE = 3;
    /** Bad command line. */
    public static final int USAGE = 64;
    /** A bug: an unexpected exception. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
