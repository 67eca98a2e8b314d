package org.elasticslurm.provisioner.slurm;

import java.util.Optional;
import java.util.Set;

/**
 * A node as {@code scontrol show node} prints it.
 *
 * @param name NodeName
 * @param base the base state (IDLE, DOWN, ALLOCATED, MIXED, FUTURE, UNKNOWN)
 * @param flags the state flags (CLOUD, POWERED_DOWN, POWERING_UP, NOT_RESPONDING, ...)
 * @param address NodeAddr
 * @param reason Reason, without the {@code [user@time]} suffix, if any
 */
public record SlurmNodeState(String name, String base, Set<String> flags, String address, Optional<String> reason) {
    public SlurmNodeState {
        flags = Set.copyOf(flags);
    }

    /** Whether Slurm considers the node powered down or powering down (its machine is not wanted). */
    public boolean poweredDown() {
        return flags.contains("POWERED_DOWN") || flags.contains("POWERING_DOWN");
    }

    /** Whether Slurm is waiting for the node to boot. */
    public boolean poweringUp() {
        return flags.contains("POWERING_UP");
    }
}
