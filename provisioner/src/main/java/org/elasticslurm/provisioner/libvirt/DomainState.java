package org.elasticslurm.provisioner.libvirt;

/** A domain's run state, in our words (libvirt's DomainState stays inside this package). */
public enum DomainState {
    /** Running (or blocked on I/O). */
    RUNNING,
    /** Paused by the hypervisor or an admin. */
    PAUSED,
    /** Asked to shut down, not yet off. */
    SHUTTING_DOWN,
    /** Defined but not running. */
    SHUT_OFF,
    /** Crashed. */
    CRASHED,
    /** A state libvirt reports without detail. */
    OTHER;

    /** Whether the hypervisor holds resources for it (running, paused or shutting down). */
    public boolean active() {
        return this == RUNNING || this == PAUSED || this == SHUTTING_DOWN;
    }

    static DomainState of(org.libvirt.DomainInfo.DomainState s) {
        return switch (s) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> RUNNING;
            case VIR_DOMAIN_PAUSED -> PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF -> SHUT_OFF;
            case VIR_DOMAIN_CRASHED -> CRASHED;
            case VIR_DOMAIN_NOSTATE -> OTHER;
        };
    }
}
