package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeStateSamplerStatesTest {

    @Test
    void readsStateOfEachNodeFromMultiLineRecords() {
        String output = """
                NodeName=node1 CoresPerSocket=1
                   CPUAlloc=0 CPUEfctv=1 CPUTot=1 CPULoad=N/A
                   State=IDLE+CLOUD+POWERED_DOWN ThreadsPerCore=1 TmpDisk=0 Weight=1 Owner=N/A MCS_label=N/A
                   Partitions=debug

                NodeName=node2 CoresPerSocket=1
                   State=ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP ThreadsPerCore=1

                """;

        assertThat(NodeStateSampler.states(output, List.of("node1", "node2")))
                .containsExactly(org.assertj.core.api.Assertions.entry("node1", "IDLE+CLOUD+POWERED_DOWN"),
                        org.assertj.core.api.Assertions.entry("node2", "ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP"));
    }

    @Test
    void readsOneLineRecords() {
        String output = "NodeName=n1 Arch=x86_64 State=IDLE+CLOUD Weight=1\nNodeName=n2 State=DOWN+CLOUD Weight=1\n";

        assertThat(NodeStateSampler.states(output, List.of("n2", "n1")))
                .containsExactly(org.assertj.core.api.Assertions.entry("n2", "DOWN+CLOUD"),
                        org.assertj.core.api.Assertions.entry("n1", "IDLE+CLOUD"));
    }

    @Test
    void configuredNodeMissingFromTheOutputIsNotFound() {
        assertThat(NodeStateSampler.states("No nodes in the system\n", List.of("node1")))
                .containsEntry("node1", NodeStateSampler.NOT_FOUND);
    }

    @Test
    void doesNotMistakeOtherKeysEndingInStateForTheState() {
        String output = "NodeName=n1 ExtSensorsState=x\n   State=IDLE\n";

        assertThat(NodeStateSampler.states(output, List.of("n1"))).containsEntry("n1", "IDLE");
    }
}
