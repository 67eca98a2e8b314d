package org.elasticslurm.provisioner.operation;

import java.util.Optional;

/**
 * The last state of an operation as the operation log recorded it (read back after a restart).
 *
 * @param id operation id
 * @param kind operation kind
 * @param node node name
 * @param pool pool name
 * @param status the last recorded status
 * @param phase the node's last recorded phase
 * @param message the last message (the error, for a failed operation)
 */
public record LoggedOperation(String id, OperationKind kind, String node, String pool, OperationStatus status,
                              Phase phase, Optional<String> message) {
}
