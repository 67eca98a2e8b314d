package org.elasticslurm.provisioner.operation;

import java.time.Instant;
import java.util.Optional;

/**
 * One transition of an operation or of its node, as written to the operation log.
 *
 * @param time when it happened
 * @param operation operation id
 * @param kind operation kind
 * @param node node name
 * @param pool pool name
 * @param status the operation's status after the transition
 * @param phase the node's phase after the transition
 * @param message what happened, in words (errors, post-config output, backend id, address)
 */
public record OperationEvent(Instant time, String operation, OperationKind kind, String node, String pool,
                             OperationStatus status, Phase phase, Optional<String> message) {
}
