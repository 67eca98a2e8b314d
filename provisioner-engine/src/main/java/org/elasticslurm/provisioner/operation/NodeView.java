package org.elasticslurm.provisioner.operation;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one node.
 *
 * @param name Slurm node name
 * @param pool its pool
 * @param phase where its machine stands
 * @param address the machine's address, once known
 * @param backendId the backend's id of the machine (domain name, simulated id)
 * @param since when the phase was entered
 * @param lastError the last failure, kept until the next successful resume
 * @param operationId the current operation, or the last one
 */
public record NodeView(String name, String pool, Phase phase, Optional<String> address, Optional<String> backendId,
                       Instant since, Optional<String> lastError, Optional<String> operationId) {
}
