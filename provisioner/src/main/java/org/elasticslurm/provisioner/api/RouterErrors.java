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
 * chunked body without Content-Length that grows over the limit is cut off by the HTTP layer with an empty 413).
 */
@ApplicationScoped
public class RouterErrors {
    private final long maxBody;

    RouterErrors(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
            MemorySize maxBody) {
        this.maxBody = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(Integer.MIN_VALUE).handler(this::refuseLargeBody);
    }

    private void refuseLargeBody(RoutingContext ctx) {
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
