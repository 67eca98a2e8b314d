package org.elasticslurm.fake.controller;

import java.time.Duration;
import java.util.Optional;
import org.elasticslurm.conf.PartitionDefinition;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.TimeoutValue;

/**
 * power_save_set_timeouts: each node gets, per timeout, the maximum over its partitions that set it, else the
 * global value; INFINITE wins the maximum.
 */
final class NodeTimeoutsTable {

    private NodeTimeoutsTable() {
    }

    static void apply(SlurmConf conf, NodeTable nodes) {
        int count = nodes.size();
        long[] suspendTime = new long[count];
        long[] suspendTimeout = new long[count];
        long[] resumeTimeout = new long[count];
        java.util.Arrays.fill(suspendTime, -1);
        java.util.Arrays.fill(suspendTimeout, -1);
        java.util.Arrays.fill(resumeTimeout, -1);
        for (PartitionDefinition p : conf.partitions()) {
            Optional<PartitionRecord> record = nodes.partition(p.name());
            if (record.isEmpty()) {
                continue;
            }
            long st = p.suspendTime().map(NodeTimeoutsTable::seconds).orElse(-1L);
            long sto = p.suspendTimeout().map(Duration::toSeconds).orElse(-1L);
            long rto = p.resumeTimeout().map(Duration::toSeconds).orElse(-1L);
            for (int i : record.get().nodeIndexes) {
                suspendTime[i] = Math.max(suspendTime[i], st);
                suspendTimeout[i] = Math.max(suspendTimeout[i], sto);
                resumeTimeout[i] = Math.max(resumeTimeout[i], rto);
            }
        }
        var ps = conf.powerSave();
        long globalSt = seconds(ps.suspendTime());
        for (int i = 0; i < count; i++) {
            NodeRecord n = nodes.get(i);
            n.suspendTime = suspendTime[i] >= 0 ? suspendTime[i] : globalSt;
            n.suspendTimeout = (int) (suspendTimeout[i] >= 0 ? suspendTimeout[i] : ps.suspendTimeout().toSeconds());
            n.resumeTimeout = (int) (resumeTimeout[i] >= 0 ? resumeTimeout[i] : ps.resumeTimeout().toSeconds());
        }
    }

    private static long seconds(TimeoutValue value) {
        return value.isInfinite() ? NodeRecord.INFINITE_SECONDS : value.duration().orElseThrow().toSeconds();
    }
}
