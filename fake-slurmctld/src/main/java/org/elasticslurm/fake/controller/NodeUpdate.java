package org.elasticslurm.fake.controller;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code scontrol update nodename=NAMES [state=S] [reason=R] [nodeaddr=A] [nodehostname=H]}.
 *
 * @param nodeNames the nodes, as a hostlist expression
 * @param state the requested state
 * @param reason Reason=
 * @param nodeAddr NodeAddr=: a hostlist with as many entries as nodes
 * @param nodeHostname NodeHostname=: a hostlist with as many entries as nodes
 */
public record NodeUpdate(String nodeNames, Optional<NodeStateRequest> state, Optional<String> reason,
                         Optional<String> nodeAddr, Optional<String> nodeHostname) {

    public NodeUpdate {
        Objects.requireNonNull(nodeNames, "nodeNames");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(nodeAddr, "nodeAddr");
        Objects.requireNonNull(nodeHostname, "nodeHostname");
    }

    /** A state change. */
    public static NodeUpdate state(String nodeNames, NodeStateRequest state) {
        return new NodeUpdate(nodeNames, Optional.of(state), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A state change with a reason (DOWN, DRAIN, FAIL need one in scontrol). */
    public static NodeUpdate state(String nodeNames, NodeStateRequest state, String reason) {
        return new NodeUpdate(nodeNames, Optional.of(state), Optional.of(reason), Optional.empty(), Optional.empty());
    }

    /** A change of NodeAddr (and NodeHostname, if given). */
    public static NodeUpdate address(String nodeNames, String nodeAddr, Optional<String> nodeHostname) {
        return new NodeUpdate(nodeNames, Optional.empty(), Optional.empty(), Optional.of(nodeAddr), nodeHostname);
    }
}
