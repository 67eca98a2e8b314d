package org.elasticslurm.fake.cli;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.elasticslurm.fake.controller.NodeState;
import org.elasticslurm.fake.wire.NodeInfo;
import org.elasticslurm.fake.wire.PartitionInfo;

/**
 * Nodes and partitions as they were when the real-22.05 recordings were made (lab.slurm.conf: node1 CLOUD on port
 * 56601, node2 on port 53653, CPUs=1, RealMemory 1, partition debug*, times in UTC).
 */
final class Nodes {

    static final String OS = "Linux 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0";
    static final PartitionInfo DEBUG = new PartitionInfo("debug", true, "UP", OptionalLong.empty(),
            List.of("node1", "node2"));

    private Nodes() {
    }

    /** A node that never registered. */
    static NodeInfo unregistered(String name, long port, int state, int allocCpus) {
        return new NodeInfo(name, state, NodeState.complete(state), NodeState.sinfoCompact(state),
                NodeState.sinfoLong(state), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), 1, allocCpus, 1, 1, 1, 1, 1, 1, List.of(), "127.0.0.1",
                name, OptionalLong.of(port), List.of("debug"), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());
    }

    /** A node whose slurmd registered. */
    static NodeInfo registered(String name, long port, int state, long cpuLoad, long freeMem, String boot,
                               String slurmdStart, Optional<String> lastBusy, Optional<String> reason,
                               Optional<String> reasonTime) {
        return new NodeInfo(name, state, NodeState.complete(state), NodeState.sinfoCompact(state),
                NodeState.sinfoLong(state), Optional.of("x86_64"), Optional.of(OS), Optional.of("22.05.8"),
                OptionalLong.of(cpuLoad), OptionalLong.of(freeMem), 1, 0, 1, 1, 1, 1, 1, 1, List.of(), "127.0.0.1",
                name, OptionalLong.of(port), List.of("debug"), OptionalLong.of(at(boot)),
                OptionalLong.of(at(slurmdStart)), lastBusy.map(t -> OptionalLong.of(at(t))).orElse(OptionalLong.empty()),
                reason, reasonTime.map(t -> OptionalLong.of(at(t))).orElse(OptionalLong.empty()),
                reason.map(r -> "root"));
    }

    static long at(String isoUtc) {
        return LocalDateTime.parse(isoUtc).toEpochSecond(ZoneOffset.UTC);
    }

    static final int POWERED_DOWN_CLOUD = NodeState.IDLE | NodeState.CLOUD | NodeState.POWERED_DOWN;
}
