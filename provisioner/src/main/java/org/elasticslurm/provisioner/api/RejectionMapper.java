package org.elasticslurm.provisioner.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.elasticslurm.provisioner.operation.RequestRejectedException;

/** Translates refused requests into HTTP: malformed 400, not provisionable 422, not found 404,
 * conflict with Slurm's state 409, unavailable (operation log unwritable) 503. */
@Provider
public class RejectionMapper implements ExceptionMapper<RequestRejectedException> {

    @Override
    public Response toResponse(RequestRejectedException e) {
        int status = switch (e.reason()) {
            case MALFORMED -> 400;
            case NOT_PROVISIONABLE -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(e.getMessage()))
                .build();
    }
}
