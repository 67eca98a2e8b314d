package org.elasticslurm.provisioner.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

    @Test
    void anUnexpectedFailureIs500WithAJsonBodyThatKeepsTheDetailsInTheLog() {
        Response r = HttpErrors.unexpected(new IllegalStateException("secret detail"), "GET", "/v1/nodes");

        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(r.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(r.getEntity()).isEqualTo(new ErrorResponse(
                "internal error (IllegalStateException); the service's log has the details"));
    }
}
