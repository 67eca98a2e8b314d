package org.elasticslurm.provisioner.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.elasticslurm.provisioner.operation.RequestRejectedException;
import org.junit.jupiter.api.Test;

class RejectionMapperTest {

    @Test
    void anUnwritableOperationLogIsAnswered503WithTheCauseAsJson() {
        Response r = new RejectionMapper().toResponse(new RequestRejectedException(
                RequestRejectedException.Reason.UNAVAILABLE, "operation log: No space left on device"));

        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(r.getEntity()).isEqualTo(new ErrorResponse("operation log: No space left on device"));
    }

    @Test
    void aRequestConflictingWithSlurmsViewIsAnswered409WithTheReasonAsJson() {
        Response r = new RejectionMapper().toResponse(new RequestRejectedException(
                RequestRejectedException.Reason.CONFLICT, "test1 is ALLOCATED+CLOUD"));

        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(r.getEntity()).isEqualTo(new ErrorResponse("test1 is ALLOCATED+CLOUD"));
    }
}
