package org.elasticslurm.provisioner.backend;

/**
 * What a resume asks of a backend.
 *
 * @param node the Slurm node name
 * @param pool the pool the node belongs to
 * @param operationId the operation that asks, recorded in the machine's metadata
 */
public record MachineRequest(String node, String pool, String operationId) {
}
