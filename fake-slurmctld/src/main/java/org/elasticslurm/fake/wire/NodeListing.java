package org.elasticslurm.fake.wire;

import java.util.List;

/**
 * The answer to {@code GET /v1/nodes}: the visible nodes and the partitions, at one moment of the controller.
 *
 * @param now        the controller's time, seconds since the epoch
 * @param nodes      the nodes clients may see, in configuration order
 * @param partitions the partitions, in configuration order
 */
public record NodeListing(long now, List<NodeInfo> nodes, List<PartitionInfo> partitions) {

    public NodeListing {
        nodes = List.copyOf(nodes);
        partitions = List.copyOf(partitions);
    }

    public JsonObject toJson() {
        return JsonObject.create().put("now", now).put("nodes", nodes.stream().map(NodeInfo::toJson).toList())
                .put("partitions", partitions.stream().map(PartitionInfo::toJson).toList());
    }

    public static NodeListing fromJson(JsonObject o) {
        return new NodeListing(o.number("now"), o.objects("nodes").stream().map(NodeInfo::fromJson).toList(),
                o.objects("partitions").stream().map(PartitionInfo::fromJson).toList());
    }
}
