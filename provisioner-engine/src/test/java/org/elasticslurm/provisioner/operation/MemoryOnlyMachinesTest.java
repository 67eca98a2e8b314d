package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryOnlyMachinesTest {

    private static LoggedOperation last(String node, OperationKind kind, OperationStatus status, Phase phase) {
        return new LoggedOperation("op-" + node, kind, node, "default", status, phase, Optional.empty());
    }

    @Test
    void theStartNamesTheNodesWhoseMachinesOfThePreviousRunAreForgotten() {
        String warning = MemoryOnlyMachines.forgotten("sim", Map.of(
                "sim3", last("sim3", OperationKind.RESUME, OperationStatus.SUCCEEDED, Phase.READY),
                "sim1", last("sim1", OperationKind.RESUME, OperationStatus.RUNNING, Phase.BOOTING),
                "sim2", last("sim2", OperationKind.SUSPEND, OperationStatus.SUCCEEDED, Phase.POWERED_DOWN),
                "sim4", last("sim4", OperationKind.RESUME, OperationStatus.FAILED, Phase.FAILED)));

        assertThat(warning).startsWith("sim backend: its machines live in this process only and a restart forgets"
                + " them; forgotten now: the machines of 2 nodes of the previous run (sim1, sim3), shown POWERED_DOWN"
                + " here");
    }

    @Test
    void aFirstStartSaysThatMachinesAreKeptInMemoryOnly() {
        assertThat(MemoryOnlyMachines.forgotten("sim", Map.of())).isEqualTo("sim backend: its machines live in"
                + " this process only and a restart forgets them; the operation log names no machine of an earlier"
                + " run");
    }
}
