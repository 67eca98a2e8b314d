package org.elasticslurm.provisioner.operation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticslurm.provisioner.pool.Pool;
import org.elasticslurm.provisioner.pool.Pools;

/** The engine's nodes and operations; every access holds {@link #lock}. */
final class EngineState {
    /** Finished operations kept for lookups. */
    static final int KEEP_FINISHED = 100_000;

    final Object lock = new Object();
    final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
    final Map<String, Operation> operations = new LinkedHashMap<>();
    /** Why the restart recovery has not run yet (no work is accepted meanwhile); null once it has. */
    String recoveryPending;
    private final Clock clock;

    EngineState(Pools pools, Clock clock) {
        this.clock = clock;
        Instant now = clock.instant();
        for (Pool pool : pools.all().values()) {
            for (String node : pool.nodes()) {
                nodes.put(node, new NodeRecord(node, pool.name(), false, now));
            }
        }
    }

    List<NodeRecord> records(List<String> names) {
        List<NodeRecord> targets = new ArrayList<>(names.size());
        for (String name : names) {
            NodeRecord n = nodes.get(name);
            if (n == null || n.stray) {
                throw new RequestRejectedException(RequestRejectedException.Reason.NOT_FOUND,
                        "node " + name + " is in no pool");
            }
            targets.add(n);
        }
        return targets;
    }

    Operation newOperation(NodeRecord n, OperationKind kind, List<Long> jobs) {
        Operation op = new Operation(UUID.randomUUID().toString(), kind, n, clock.instant(), jobs);
        operations.put(op.id, op);
        if (operations.size() > KEEP_FINISHED) {
            Iterator<Operation> it = operations.values().iterator();
            while (operations.size() > KEEP_FINISHED && it.hasNext()) {
                if (it.next().status.terminal()) {
                    it.remove();
                }
            }
        }
        return op;
    }
}
