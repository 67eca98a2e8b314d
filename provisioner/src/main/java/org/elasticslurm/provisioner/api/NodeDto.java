package org.elasticslurm.provisioner.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.elasticslurm.provisioner.operation.NodeView;
import org.elasticslurm.provisioner.operation.Phase;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A node as the API shows it.
 *
 * @param name node name
 * @param pool pool name
 * @param phase POWERED_DOWN, CREATING, BOOTING, CONFIGURING, READY, DESTROYING or FAILED
 * @param address machine address, once known
 * @param backendId backend id of the machine
 * @param since when the phase was entered
 * @param lastError the last failure
 * @param operationId current or last operation
 */
@Schema(description = "A cloud node and its machine")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeDto(String name, String pool, Phase phase, String address, String backendId, Instant since,
                      String lastError, String operationId) {

    static NodeDto of(NodeView v) {
        return new NodeDto(v.name(), v.pool(), v.phase(), v.address().orElse(null), v.backendId().orElse(null),
                v.since(), v.lastError().orElse(null), v.operationId().orElse(null));
    }
}
