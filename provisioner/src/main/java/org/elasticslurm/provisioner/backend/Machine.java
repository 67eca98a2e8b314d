package org.elasticslurm.provisioner.backend;

import java.util.Optional;

/**
 * A machine as a backend sees it.
 *
 * @param node the Slurm node it serves
 * @param pool its pool
 * @param backendId the backend's own identifier (domain name or UUID, simulated id)
 * @param operationId the operation that last created or started it
 * @param running whether it is running
 * @param address its address, once known
 */
public record Machine(String node, String pool, String backendId, String operationId, boolean running,
                      Optional<String> address) {
}
