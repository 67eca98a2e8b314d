package org.elasticslurm.provisioner.backend;

import java.util.List;
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
 * @param notes what the backend did on the way that belongs in the operation log (e.g. the output of a
 *              command it ran); empty for most calls
 */
public record Machine(String node, String pool, String backendId, String operationId, boolean running,
                      Optional<String> address, List<String> notes) {

    /** Copies the notes. */
    public Machine {
        notes = List.copyOf(notes);
    }

    /** A machine without notes. */
    public Machine(String node, String pool, String backendId, String operationId, boolean running,
                   Optional<String> address) {
        this(node, pool, backendId, operationId, running, address, List.of());
    }
}
