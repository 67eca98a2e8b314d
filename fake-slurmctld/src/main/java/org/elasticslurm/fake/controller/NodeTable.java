package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All nodes and partitions, with the bitmaps slurmctld keeps in sync with node states (avail, power, booting,
 * completing, idle) and {@code last_node_update}, the second of the latest node change that the power-save
 * thread watches.
 */
final class NodeTable implements NodeRecord.NodeWatcher {

    private final NodeRecord[] nodes;
    private final Map<String, NodeRecord> byName;
    private final List<PartitionRecord> partitions;
    private final Map<String, PartitionRecord> partitionsByName;

    /** avail_node_bitmap: nodes that may be given new work. */
    final BitSet avail = new BitSet();
    /** power_node_bitmap: powered down or powering down. */
    final BitSet power = new BitSet();
    /** booting_node_bitmap: woken, waiting for a registration. */
    final BitSet booting = new BitSet();
    /** cg_node_bitmap: nodes completing a job. */
    final BitSet completing = new BitSet();
    /** Nodes with at least one unallocated CPU. */
    final BitSet freeCpu = new BitSet();

    private long lastNodeUpdate;
    private long updates;

    /** Nodes with POWER_UP, POWER_DOWN or POWERING_DOWN: the scan must look at them. */
    private final BitSet powerFlags = new BitSet();
    /** Nodes whose base state is IDLE or DOWN (the only ones an idle suspend applies to). */
    private final BitSet idleOrDown = new BitSet();
    /** Nodes idle for longer than their SuspendTime, as of the last scan. */
    private final BitSet idleLongEnough = new BitSet();
    /** (second from which the node is idle long enough, node index, its last_busy then), earliest first. */
    private final java.util.PriorityQueue<long[]> idleSince =
            new java.util.PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));

    NodeTable(List<NodeRecord> nodes, List<PartitionRecord> partitions) {
        this.nodes = nodes.toArray(new NodeRecord[0]);
        this.byName = new HashMap<>(nodes.size() * 2);
        for (NodeRecord n : this.nodes) {
            byName.put(n.name, n);
            freeCpu.set(n.index);
        }
        for (NodeRecord n : this.nodes) {
            n.watch(this);
        }
        this.partitions = List.copyOf(partitions);
        this.partitionsByName = new HashMap<>();
        for (PartitionRecord p : partitions) {
            partitionsByName.put(p.name, p);
        }
    }

    int size() {
        return nodes.length;
    }

    NodeRecord get(int index) {
        return nodes[index];
    }

    NodeRecord[] array() {
        return nodes;
    }

    Optional<NodeRecord> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<PartitionRecord> partitions() {
        return partitions;
    }

    Optional<PartitionRecord> partition(String name) {
        return Optional.ofNullable(partitionsByName.get(name));
    }

    Optional<PartitionRecord> defaultPartition() {
        return partitions.stream().filter(p -> p.isDefault).findFirst();
    }

    /** Names of the nodes of a bitmap, in index order. */
    List<String> names(BitSet bits) {
        List<String> out = new ArrayList<>(bits.cardinality());
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            out.add(nodes[i].name);
        }
        return out;
    }

    /** Names of the given nodes. */
    static List<String> names(Collection<NodeRecord> records) {
        List<String> out = new ArrayList<>(records.size());
        for (NodeRecord n : records) {
            out.add(n.name);
        }
        return out;
    }

    @Override
    public void flagsChanged(NodeRecord node) {
        powerFlags.set(node.index, (node.state() & NodeRecord.WATCHED_FLAGS) != 0);
        idleOrDown.set(node.index, node.isIdle() || node.isDown());
    }

    @Override
    public void busySince(NodeRecord node) {
        if (node.suspendTime < NodeRecord.INFINITE_SECONDS) {
            idleSince.add(new long[] {node.lastBusy() + node.suspendTime + 1, node.index, node.lastBusy()});
        }
    }

    /** Rebuilds the scan index (after the timeouts changed). */
    void reindex() {
        idleSince.clear();
        idleLongEnough.clear();
        powerFlags.clear();
        idleOrDown.clear();
        for (NodeRecord n : nodes) {
            flagsChanged(n);
            if (n.lastBusy() != 0) {
                busySince(n);
            }
        }
    }

    /**
     * The nodes a power-save scan at second {@code now} may act on: power requests and transitions under way,
     * booting nodes, and nodes whose last_busy lies more than their SuspendTime back. Every other node would pass
     * the scan unchanged, so the scan visits only these, in index order, as slurmctld visits all.
     */
    BitSet scanCandidates(long now) {
        while (!idleSince.isEmpty() && idleSince.peek()[0] <= now) {
            long[] entry = idleSince.poll();
            NodeRecord n = nodes[(int) entry[1]];
            if (n.lastBusy() == entry[2]) {
                idleLongEnough.set(n.index);
            }
        }
        for (int i = idleLongEnough.nextSetBit(0); i >= 0; i = idleLongEnough.nextSetBit(i + 1)) {
            NodeRecord n = nodes[i];
            if (n.lastBusy() == 0 || n.lastBusy() >= now - n.suspendTime) {
                idleLongEnough.clear(i);
            }
        }
        BitSet candidates = (BitSet) idleLongEnough.clone();
        candidates.and(idleOrDown);
        candidates.or(powerFlags);
        candidates.or(booting);
        return candidates;
    }

    /** Records a node change at second {@code now} (last_node_update). */
    void touch(long now) {
        lastNodeUpdate = now;
        updates++;
    }

    long lastNodeUpdate() {
        return lastNodeUpdate;
    }

    /** How many node changes were recorded so far (to tell whether one came after a given moment). */
    long updates() {
        return updates;
    }

    /** make_node_avail: available unless a power down is pending or under way. */
    void makeAvail(NodeRecord n) {
        if (n.is(NodeState.POWER_DOWN) || n.is(NodeState.POWERING_DOWN)) {
            return;
        }
        avail.set(n.index);
    }

    void setAvail(NodeRecord n, boolean value) {
        avail.set(n.index, value);
    }

    void setPower(NodeRecord n, boolean value) {
        power.set(n.index, value);
    }

    void setBooting(NodeRecord n, boolean value) {
        booting.set(n.index, value);
    }

    void setCompleting(NodeRecord n, boolean value) {
        completing.set(n.index, value);
    }

    /** Recomputes whether a node has a free CPU after its allocation changed. */
    void syncCpus(NodeRecord n) {
        freeCpu.set(n.index, n.allocCpus < n.cpus);
    }

    /** _make_node_unavail: clear COMPLETING, not available, not completing. */
    void makeUnavail(NodeRecord n) {
        n.clear(NodeState.COMPLETING);
        avail.clear(n.index);
        completing.clear(n.index);
    }

    /** _sync_bitmaps after a registration or a node going down. */
    void syncBitmaps(NodeRecord n) {
        if (n.isDown() || n.is(NodeState.DRAIN) || n.is(NodeState.FAIL) || n.is(NodeState.NO_RESPOND)) {
            avail.clear(n.index);
        } else {
            makeAvail(n);
        }
    }
}
