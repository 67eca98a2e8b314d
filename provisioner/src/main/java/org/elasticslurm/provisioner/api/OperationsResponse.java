package org.elasticslurm.provisioner.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Reply to a power request: one operation per node, in request order.
 *
 * @param operations the operations
 */
@Schema(description = "One operation per requested node")
public record OperationsResponse(List<OperationDto> operations) {
}
