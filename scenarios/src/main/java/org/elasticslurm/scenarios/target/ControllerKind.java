package org.elasticslurm.scenarios.target;

/** Which slurmctld a target with a choice runs ({@code qemu}: {@code --controller fake|real}). */
public enum ControllerKind {
    /** fake-slurmctld's drop-in slurmctld (and its fake slurmd in the guests). */
    FAKE,
    /** Debian's slurmctld 22.05 (and Debian's slurmd in the guests). */
    REAL;

    /** The word on the command line. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
