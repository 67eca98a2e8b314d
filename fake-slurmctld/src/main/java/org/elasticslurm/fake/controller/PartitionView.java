package org.elasticslurm.fake.controller;

import java.util.List;

/**
 * An immutable snapshot of a partition.
 *
 * @param name PartitionName
 * @param isDefault Default=YES
 * @param state State= (UP, DOWN, DRAIN, INACTIVE)
 * @param maxTime MaxTime as configured
 * @param nodes every member node name, in configuration order (hidden ones included)
 */
public record PartitionView(String name, boolean isDefault, String state, String maxTime, List<String> nodes) {
    public PartitionView {
        nodes = List.copyOf(nodes);
    }
}
