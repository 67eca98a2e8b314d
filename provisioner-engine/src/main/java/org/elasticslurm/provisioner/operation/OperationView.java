package org.elasticslurm.provisioner.operation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one operation.
 *
 * @param id unique id, also recorded in the machine's metadata
 * @param kind what it does
 * @param node the node
 * @param pool the node's pool
 * @param status where it stands
 * @param created when it was asked for
 * @param updated when it last changed
 * @param error why it failed or was cancelled
 * @param jobs the Slurm job ids that caused a resume (from SLURM_RESUME_FILE), if given
 */
public record OperationView(String id, OperationKind kind, String node, String pool, OperationStatus status,
                            Instant created, Instant updated, Optional<String> error, List<Long> jobs) {
    public OperationView {
        jobs = List.copyOf(jobs);
    }
}
