package org.elasticslurm.provisioner.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A refusal made by the HTTP layer before a request reaches the API gets the API's JSON body
 * {@code {"error": "..."}} too: 413 for a body whose Content-Length is over {@code quarkus.http.limits.max-body-size} (answered before the body is read; a
 * chunked body without Content-Length that grows over the limit is cut off by the HTTP layer with an empty 413);
 * 414 for a request line over {@link #MAX_REQUEST_LINE} characters and 431 for headers over {@link #MAX_HEADERS}
 * bytes. The HTTP codec's own limits ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size},
 * 64 KiB in application.properties) are set above these, so such requests reach this check; only requests past the
 * codec's limits are refused by the codec, with an empty body.
 */
@ApplicationScoped
public class RouterErrors {
    /** Longest request line answered (method, URI and version, as the HTTP codec counts it). */
    static final int MAX_REQUEST_LINE = 4096;
    /**
     * Largest header block answered, in bytes ({@code name: value} and line end per header): the HTTP layer's own
     * default, 20 KiB.
     */
    static final int MAX_HEADERS = 20 * 1024;

    private final long maxBody;

    RouterErrors(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
            MemorySize maxBody) {
        this.maxBody = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(Integer.MIN_VALUE).handler(this::refuseLargeBody);
    }

    private void refuseLargeBody(RoutingContext ctx) {
        int line = ctx.request().method().name().length() + ctx.request().uri().length() + " HTTP/1.1".length() + 1;
        if (line > MAX_REQUEST_LINE) {
            ctx.response().putHeader("Connection", "close");
            reply(ctx, 414, "request line too long: " + line + " characters, at most " + MAX_REQUEST_LINE
                    + " (hostlists go in the JSON body)");
            return;
        }
        long headers = 0;
        for (var h : ctx.request().headers()) {
            headers += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headers > MAX_HEADERS) {
            ctx.response().putHeader("Connection", "close");
            reply(ctx, 431, "request headers too large: " + headers + " bytes, at most " + MAX_HEADERS);
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxBody) {
            ctx.response().putHeader("Connection", "close");
            reply(ctx, 413, "request body too large: " + length + " bytes, at most " + maxBody
                    + " bytes (quarkus.http.limits.max-body-size)");
            return;
        }
        ctx.next();
    }

    private static void reply(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
