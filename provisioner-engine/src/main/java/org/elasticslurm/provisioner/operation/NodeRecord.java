package org.elasticslurm.provisioner.operation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** A node's mutable state; guarded by the engine's lock. */
final class NodeRecord {
    final String name;
    final String poolName;
    /** A machine's node that is no CLOUD node of a pool (found on the backend); never listed. */
    final boolean stray;
    Phase phase = Phase.POWERED_DOWN;
    Instant since;
    String address;
    String backendId;
    String lastError;
    Operation active;
    final Deque<Operation> queue = new ArrayDeque<>();
    Operation last;
    /** When a sweep first saw Slurm show the node powered down while its machine ran. */
    Instant poweredDownSeen;
    /**
     * Why the node's machine is not known yet: at the restart it may have been on a host that did not answer; the
     * node keeps what the log said, its operations wait in its queue, and it is recovered once the host answers.
     * Null otherwise.
     */
    String unknown;

    NodeRecord(String name, String poolName, boolean stray, Instant since) {
        this.name = name;
        this.poolName = poolName;
        this.stray = stray;
        this.since = since;
    }

    boolean idle() {
        return active == null && queue.isEmpty();
    }

    NodeView view() {
        Operation op = active != null ? active : last;
        return new NodeView(name, poolName, phase, Optional.ofNullable(address), Optional.ofNullable(backendId),
                since, Optional.ofNullable(lastError), Optional.ofNullable(op).map(o -> o.id));
    }
}
