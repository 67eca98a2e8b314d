package org.elasticslurm.provisioner.slurm;

import java.util.Map;

/**
 * The Slurm controller as the provisioner needs it. Failures are reported as {@link SlurmException}.
 * Node names passed here have been checked against slurm.conf before.
 */
public interface SlurmController {

    /** Tells the controller where a node's machine is: {@code update nodename=X nodeaddr=A nodehostname=H}. */
    void updateNodeAddress(String node, String address, String hostname);

    /**
     * Marks a node DOWN with a reason, as {@code sinfo -R} shows it: {@code update nodename=X state=DOWN
     * reason=R}. Line breaks in the reason are replaced by spaces.
     */
    void markDown(String node, String reason);

    /**
     * Returns a DOWN node to service: {@code update nodename=X state=RESUME} (slurmctld then waits for its slurmd
     * as after any resume).
     */
    void returnToService(String node);

    /**
     * The state of every node the controller shows, by name ({@code scontrol -o show node}). Powered-down CLOUD
     * nodes are hidden by slurmctld 22.05 unless {@code PrivateData=cloud}: a node missing from the map is of
     * unknown state (never a reason to release its machine).
     */
    Map<String, SlurmNodeState> nodeStates();

    /** Checks that the controller answers ({@code scontrol ping}); throws when it does not. */
    void ping();
}
