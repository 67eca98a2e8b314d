package org.elasticslurm.provisioner.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Request bodies that are not valid JSON, or JSON of the wrong shape, get a 400 with our {@link ErrorResponse}
 * naming the position or the field and what was expected (instead of the framework's default body).
 */
public class JsonBodyErrors {
    private static final int MAX_DETAIL = 200;

    /** JSON of the wrong shape (a field of the wrong type): the framework passes Jackson's exception on. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return badRequest(describe(e));
    }

    /**
     * Unreadable JSON arrives wrapped into a 400 WebApplicationException; any other one (404, 405, 406, 415...)
     * keeps its status and gets our JSON body saying what was refused.
     */
    @ServerExceptionMapper
    public Response unreadable(WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers) {
        if (e.getCause() instanceof JacksonException j) {
            return badRequest(describe(j));
        }
        return HttpErrors.refusal(e, request.getMethod(), "/" + uri.getPath().replaceFirst("^/", ""),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    }

    /** Anything unexpected: 500 with a JSON body; the details go to the log, not to the caller. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, Request request) {
        return HttpErrors.unexpected(e, request.getMethod(), "/" + uri.getPath().replaceFirst("^/", ""));
    }

    private static Response badRequest(String message) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(message)).build();
    }

    /** What was wrong with the body, in words: field and expected type, or position and the parser's complaint. */
    static String describe(JacksonException e) {
        if (e instanceof MismatchedInputException m) {
            return "request body: " + (m.getPath().isEmpty() ? "" : "field " + path(m.getPath()) + ": ") + "expected "
                    + kind(m.getTargetType()) + (m.getPath().isEmpty() ? " like {\"nodes\": \"test[1-2]\"}" : "");
        }
        if (e instanceof DatabindException d && d instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
            return "request body: field " + path(jm.getPath()) + ": " + detail(e);
        }
        return "request body is not valid JSON" + position(e.getLocation()) + ": " + detail(e);
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String position(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    private static String detail(JacksonException e) {
        String m = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        m = m.lines().findFirst().orElse("").strip();
        return m.length() <= MAX_DETAIL ? m : m.substring(0, MAX_DETAIL) + "...";
    }
}
