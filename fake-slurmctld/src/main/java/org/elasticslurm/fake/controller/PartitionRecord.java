package org.elasticslurm.fake.controller;

import java.util.BitSet;

/** A partition as the controller uses it: its member nodes as a bitmap over node indices. */
final class PartitionRecord {
    final int index;
    final String name;
    final boolean isDefault;
    final String state;
    final String maxTime;
    final BitSet nodes;
    final int[] nodeIndexes;

    PartitionRecord(int index, String name, boolean isDefault, String state, String maxTime, int[] nodeIndexes) {
        this.index = index;
        this.name = name;
        this.isDefault = isDefault;
        this.state = state;
        this.maxTime = maxTime;
        this.nodeIndexes = nodeIndexes.clone();
        this.nodes = new BitSet();
        for (int i : nodeIndexes) {
            nodes.set(i);
        }
    }

    boolean isUp() {
        return "UP".equalsIgnoreCase(state);
    }
}
