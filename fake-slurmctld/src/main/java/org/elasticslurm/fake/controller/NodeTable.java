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
final class NodeTable {

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

    NodeTable(List<NodeRecord> nodes, List<PartitionRecord> partitions) {
        this.nodes = nodes.toArray(new NodeRecord[0]);
        this.byName = new HashMap<>(nodes.size() * 2);
        for (NodeRecord n : this.nodes) {
            byName.put(n.name, n);
            freeCpu.set(n.index);
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

    /** Records a node change at second {@code now} (last_node_update). */
    void touch(long now) {
        lastNodeUpdate = now;
    }

    long lastNodeUpdate() {
        return lastNodeUpdate;
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
