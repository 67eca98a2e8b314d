package org.elasticslurm.scenarios.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Hook programs a scenario can name instead of a path: the original write-up's scripts and the provisioner's
 * clients. The runner installs the preset's program at the path slurm.conf names.
 */
public enum HookPreset implements Keyword {
    /** Does nothing and exits 0 (the write-up's Level 0). */
    NOOP("noop", "exits 0 at once", EnumSet.allOf(HookRole.class)),
    /** Appends one line (time, program, hostlist) to {@code $LAB/hooks.log} and exits 0. */
    LOG("log", "appends a timestamped line with its arguments to $LAB/hooks.log", EnumSet.allOf(HookRole.class)),
    /**
     * Level 1 as the write-up wrote it: starts {@code slurmd -b} on each node through the remote-execution tool
     * and leaves the tool's helper processes behind (they end up {@code <defunct>} under a non-reaping parent).
     */
    REMOTE_SLURMD("remote-slurmd", "runs 'slurmd -b' on each node through the remote-execution tool, "
            + "leaving its helper processes behind (the write-up's defunct-process trap)", EnumSet.of(HookRole.RESUME)),
    /**
     * Level 1 fixed: detaches from slurmctld's closed descriptors and blocked signals, runs the tool in its own
     * session and waits for every child, so nothing is left behind.
     */
    REMOTE_SLURMD_FIXED("remote-slurmd-fixed", "runs 'slurmd -b' on each node through the remote-execution tool "
            + "with fds on /dev/null, signals unblocked and every child reaped", EnumSet.of(HookRole.RESUME)),
    /** The provisioner's client for the role ({@code slurm-resume}, {@code slurm-suspend}, {@code slurm-resume-fail}). */
    PROVISIONER("provisioner", "the provisioner's client for the role (slurm-resume, slurm-suspend, "
            + "slurm-resume-fail)", EnumSet.allOf(HookRole.class));

    private final String keyword;
    private final String description;
    private final Set<HookRole> roles;

    HookPreset(String keyword, String description, Set<HookRole> roles) {
        this.keyword = keyword;
        this.description = description;
        this.roles = roles;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    /** What the program does, in one line. */
    public String description() {
        return description;
    }

    /** Whether the preset can serve as this program. */
    public boolean fits(HookRole role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        return keyword;
    }
}
