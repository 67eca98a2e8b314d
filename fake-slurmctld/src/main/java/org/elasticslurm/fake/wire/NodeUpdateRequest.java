package org.elasticslurm.fake.wire;

import java.util.Optional;

/**
 * {@code scontrol update nodename=... [state=...] [reason=...] [nodeaddr=...] [nodehostname=...]}.
 *
 * @param nodeNames    NodeName (a hostlist)
 * @param state        the state keyword as scontrol resolved it (e.g. POWER_DOWN_ASAP)
 * @param reason       Reason
 * @param nodeAddr     NodeAddr
 * @param nodeHostName NodeHostName
 * @param user         who asks (for the reason's user)
 */
public record NodeUpdateRequest(String nodeNames, Optional<String> state, Optional<String> reason,
                                Optional<String> nodeAddr, Optional<String> nodeHostName, String user) {

    public JsonObject toJson() {
        return JsonObject.create().put("nodeNames", nodeNames).put("state", state).put("reason", reason)
                .put("nodeAddr", nodeAddr).put("nodeHostName", nodeHostName).put("user", user);
    }

    public static NodeUpdateRequest fromJson(JsonObject o) {
        return new NodeUpdateRequest(o.string("nodeNames"), o.optString("state"), o.optString("reason"),
                o.optString("nodeAddr"), o.optString("nodeHostName"), o.string("user"));
    }
}
