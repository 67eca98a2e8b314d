package org.elasticslurm.provisioner.api;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The framework's own refusals (404, 405, 406, 415, ...) and unexpected failures (500), as our
 * {@link ErrorResponse} JSON body instead of the framework's empty or plain-text one.
 */
final class HttpErrors {
    private static final Logger LOG = Logger.getLogger(HttpErrors.class);
    private static final Pattern POST_PATHS = Pattern.compile("/v1/(resume|suspend|resume-fail)/?");
    private static final Pattern GET_PATHS = Pattern.compile("/v1/(nodes|nodes/[^/]+|operations/[^/]+)/?");
    private HttpErrors() {
    }

    /** A JSON error reply. */
    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(message)).build();
    }

    /** Anything unexpected: 500 with a JSON body; the details go to the log, not to the caller. */
    static Response unexpected(Exception e, String method, String path) {
        LOG.errorf(e, "%s %s failed", method, path);
        return json(500, "internal error (" + e.getClass().getSimpleName() + "); the service's log has the details");
    }

    /** A framework refusal, with what was refused and the rule; the status and an Allow header are kept. */
    static Response refusal(WebApplicationException e, String method, String path, String contentType) {
        Response original = e.getResponse();
        int status = original.getStatus();
        String message;
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (e instanceof NotAllowedException) {
            if (allow == null || allow.isBlank()) {
                allow = POST_PATHS.matcher(path).matches() ? "POST" : GET_PATHS.matcher(path).matches() ? "GET" : null;
            }
            message = "method " + method + " is not allowed on " + path + (allow == null ? "" : "; allowed: " + allow);
        } else if (e instanceof NotFoundException) {
            message = "no such resource: " + method + " " + path + " (the API is described at /q/openapi)";
        } else if (e instanceof NotSupportedException) {
            message = "request body of type " + (contentType == null ? "none" : contentType)
                    + " is not supported: send Content-Type: application/json";
        } else if (e instanceof NotAcceptableException) {
            message = "answers are only available as application/json (Accept header)";
        } else {
            message = method + " " + path + ": " + original.getStatusInfo().getReasonPhrase();
        }
        Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse(message));
        if (allow != null) {
            b.header(HttpHeaders.ALLOW, allow);
        }
        return b.build();
    }
}
