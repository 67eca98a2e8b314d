package org.elasticslurm.fake.controller;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port through which the controller reaches the slurmd of a node (the agent's RPCs). Replies may come from any
 * thread; the controller moves them onto its own.
 */
public interface SlurmdChannel {

    /** REQUEST_PING: the reply, or empty when no slurmd answered. */
    void ping(String node, Consumer<Optional<PingReply>> reply);

    /**
     * REQUEST_NODE_REGISTRATION_STATUS: a running slurmd answers by registering again (through
     * {@link SlurmController#registerSlurmd}); {@code delivered} is false when no slurmd answered.
     */
    void requestRegistration(String node, Consumer<Boolean> delivered);

    /** A channel to nodes that never answer. */
    SlurmdChannel UNREACHABLE = new SlurmdChannel() {
        @Override
        public void ping(String node, Consumer<Optional<PingReply>> reply) {
            reply.accept(Optional.empty());
        }

        @Override
        public void requestRegistration(String node, Consumer<Boolean> delivered) {
            delivered.accept(false);
        }
    };
}
