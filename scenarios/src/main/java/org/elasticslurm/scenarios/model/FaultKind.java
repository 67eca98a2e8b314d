package org.elasticslurm.scenarios.model;

/** Failures a step can inject into the provisioner's backend. */
public enum FaultKind implements Keyword {
    /** Creating the machine (volume, seed, definition) fails. */
    CREATE_FAILS("create-fails"),
    /** Starting the machine fails. */
    START_FAILS("start-fails"),
    /** The machine runs but never gets an address. */
    NO_ADDRESS("no-address"),
    /** The machine boots slower by {@code delay}. */
    SLOW_BOOT("slow-boot"),
    /** The post-configuration command fails. */
    POST_CONFIG_FAILS("post-config-fails"),
    /** Releasing (shutting down or destroying) the machine fails. */
    RELEASE_FAILS("release-fails"),
    /** The hypervisor cannot be reached. */
    UNREACHABLE("unreachable"),
    /**
     * The machine boots and gets its address, but its slurmd never registers (on real VMs: a user-data that does
     * not start slurmd), so slurmctld gives up after ResumeTimeout.
     */
    NEVER_REGISTERS("never-registers");

    private final String keyword;

    FaultKind(String keyword) {
        this.keyword = keyword;
    }

    @Override
    public String keyword() {
        return keyword;
    }

    @Override
    public String toString() {
        return keyword;
    }
}
