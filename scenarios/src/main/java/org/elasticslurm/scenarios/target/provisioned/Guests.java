package org.elasticslurm.scenarios.target.provisioned;

import java.util.List;
import java.util.Optional;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.target.StepResult;

/**
 * What stands behind the provisioner's machines on a target: fake slurmds on loopback (libvirt-test) or real guests
 * (qemu). Called from the session's poll thread with the provisioner's view of the nodes.
 */
public interface Guests extends AutoCloseable {

    /** The provisioner's nodes and operation log now: start or stop what stands behind them. */
    void update(List<ProvisionedNode> nodes, List<OperationRecord> operations);

    /** Carries out a slurmd stop/restart or a fault, or says why it cannot (empty = not handled here). */
    Optional<StepResult> perform(Step.Action action);

    /** The machines of the run that exist now, beyond what the provisioner's API shows (files, domains). */
    List<String> leftOver();

    /** Stages only the guests' side knows (e.g. the DHCP lease of a VM), in scenario time from {@code zero}. */
    default List<org.elasticslurm.scenarios.trace.Stage> stages(java.time.Instant zero,
                                                                List<OperationRecord> operations) {
        return List.of();
    }

    /** Stops everything it started. */
    @Override
    void close();
}
