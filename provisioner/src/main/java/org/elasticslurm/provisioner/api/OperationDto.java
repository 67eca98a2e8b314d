package org.elasticslurm.provisioner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.elasticslurm.provisioner.operation.OperationKind;
import org.elasticslurm.provisioner.operation.OperationStatus;
import org.elasticslurm.provisioner.operation.OperationView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An operation as the API shows it.
 *
 * @param id operation id
 * @param kind RESUME, SUSPEND, RESUME_FAIL or CLEANUP
 * @param node node name
 * @param pool pool name
 * @param status QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED
 * @param created when it was asked for
 * @param updated when it last changed
 * @param error why it failed or was cancelled
 * @param jobs Slurm job ids that caused a resume
 */
@Schema(description = "An operation on one node")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationDto(String id, OperationKind kind, String node, String pool, OperationStatus status,
                           Instant created, Instant updated, String error, List<Long> jobs) {

    static OperationDto of(OperationView v) {
        return new OperationDto(v.id(), v.kind(), v.node(), v.pool(), v.status(), v.created(), v.updated(),
                v.error().orElse(null), v.jobs().isEmpty() ? null : v.jobs());
    }
}
