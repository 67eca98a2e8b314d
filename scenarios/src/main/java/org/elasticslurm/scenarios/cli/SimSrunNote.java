package org.elasticslurm.scenarios.cli;

import java.util.Optional;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;

/**
 * What the sim target still does as Slurm 22.05 for another version: its {@code srun} client (fake-slurmctld's
 * virtual-time srun) prints 22.05's lines when its nodes fail to boot and exits with its tasks' status after a node
 * of its running step fails. slurmctld's own behaviour on sim is the chosen version's.
 */
final class SimSrunNote {

    private SimSrunNote() {
    }

    /** The warning for a scenario run on sim as {@code version}, when it submits with srun and the client differs. */
    static Optional<String> of(Scenario scenario, SlurmVersion version) {
        boolean srun = scenario.steps().stream()
                .anyMatch(s -> s instanceof Step.Submit submit && submit.command().equals("srun"));
        if (!srun || version == SlurmVersion.V22_05) {
            return Optional.empty();
        }
        String messages = version == SlurmVersion.V26_05
                ? "after \"Node failure on X\" it prints \"Nodes X are still not ready\" and \"Something is wrong "
                        + "with the boot of the nodes.\" (26.05's srun does not), and " : "";
        return Optional.of("on sim, srun is Slurm 22.05's: " + messages + "it exits with its tasks' status after a "
                + "node of its running step fails (" + version + "'s exits 1); slurmctld's behaviour is Slurm "
                + version + "'s");
    }
}
