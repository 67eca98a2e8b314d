package org.elasticslurm.conf;

/**
 * slurmctld 22.05's checks of its hook programs (power_save.c {@code _valid_prog}) and of whether power saving
 * is enabled at all, in the real order and with the real messages.
 */
public final class HookProgramRules {

    /**
     * The validity problem of one program path, as the real daemon words it, or empty when it is valid.
     * Order: not absolute, not executable (also for a missing file), not found, group or world writable.
     */
    public java.util.Optional<String> problem(String program) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** The verdict for a whole configuration, checking the programs on this machine's file system. */
    public PowerSaveVerdict verdict(SlurmConf conf) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
