package org.elasticslurm.fake.wire;

import java.util.List;
import java.util.OptionalLong;

/**
 * A partition as the commands show it.
 *
 * @param name       PartitionName
 * @param isDefault  Default=YES
 * @param state      State (UP, DOWN, DRAIN, INACTIVE)
 * @param maxMinutes MaxTime in minutes; empty for INFINITE/UNLIMITED
 * @param nodes      its nodes that clients may see, in configuration order
 */
public record PartitionInfo(String name, boolean isDefault, String state, OptionalLong maxMinutes,
                            List<String> nodes) {

    public PartitionInfo {
        nodes = List.copyOf(nodes);
    }

    public JsonObject toJson() {
        return JsonObject.create().put("name", name).put("isDefault", isDefault).put("state", state)
                .put("maxMinutes", maxMinutes).put("nodes", nodes);
    }

    public static PartitionInfo fromJson(JsonObject o) {
        return new PartitionInfo(o.string("name"), o.bool("isDefault"), o.string("state"), o.optNumber("maxMinutes"),
                o.strings("nodes"));
    }
}
