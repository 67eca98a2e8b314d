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

    /** Whether Slurm is suspending the node right now (SuspendProgram was or is being called). */
    public boolean poweringDown() {
        return flags.contains("POWERING_DOWN");
    }

    /** Whether the base state is DOWN (set by an admin, by us after a failure, or by ResumeTimeout). */
    public boolean down() {
        return "DOWN".equals(base);
    }

    /**
     * Whether the node holds no job: base IDLE or DOWN (not COMPLETING), or powering down or powered down. Any
     * other state (ALLOCATED, MIXED, COMPLETING, ...) may have a job on the node.
     */
    public boolean free() {
        boolean baseFree = "IDLE".equals(base) || "DOWN".equals(base);
        return (baseFree && !flags.contains("COMPLETING")) || poweredDown();
    }

    /** The state as scontrol prints it, e.g. {@code ALLOCATED+CLOUD}. */
    public String shown() {
        java.util.List<String> words = new java.util.ArrayList<>();
        words.add(base);
        flags.stream().sorted().forEach(words::add);
        return String.join("+", words);
    }

    /** Whether Slurm is waiting for the node to boot. */
    public boolean poweringUp() {
        return flags.contains("POWERING_UP");
    }
}
