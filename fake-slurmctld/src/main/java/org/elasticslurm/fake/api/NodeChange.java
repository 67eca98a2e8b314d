package org.elasticslurm.fake.api;

import java.util.Objects;
import java.util.Optional;
import org.elasticslurm.fake.controller.NodeStateRequest;

/**
 * {@code scontrol update nodename=NODES [state=S] [reason=R] [nodeaddr=A] [nodehostname=H]}.
 *
 * @param nodes the nodes, as a hostlist expression
 * @param state State= in scontrol's words (RESUME, POWER_DOWN, DOWN ...)
 * @param reason Reason=
 * @param nodeAddr NodeAddr=
 * @param nodeHostname NodeHostname=
 */
public record NodeChange(String nodes, Optional<String> state, Optional<String> reason, Optional<String> nodeAddr,
                         Optional<String> nodeHostname) {

    public NodeChange {
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(nodeAddr, "nodeAddr");
        Objects.requireNonNull(nodeHostname, "nodeHostname");
    }

    /** {@code scontrol update nodename=NODE nodeaddr=ADDRESS}. */
    public static NodeChange address(String node, String address) {
        return new NodeChange(node, Optional.empty(), Optional.empty(), Optional.of(address), Optional.empty());
    }

    /** Whether scontrol 22.05 accepts {@code value} as State= (any case, abbreviations as scontrol allows). */
    public static boolean isState(String value) {
        return NodeStateRequest.parse(value).isPresent();
    }
}
