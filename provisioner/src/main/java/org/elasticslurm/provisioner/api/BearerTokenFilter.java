package org.elasticslurm.provisioner.api;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.elasticslurm.provisioner.config.BearerToken;

/**
 * Every REST resource of the service (all of {@code /v1}) needs {@code Authorization: Bearer <token>}; the
 * token is the content of {@code provisioner.token-file}. Health, metrics and OpenAPI are not resources and stay
 * open.
 */
@Provider
public class BearerTokenFilter implements ContainerRequestFilter {
    private final Instance<BearerToken> token;

    /** @param token resolved per request: JAX-RS providers are built before runtime configuration exists */
    BearerTokenFilter(Instance<BearerToken> token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!token.get().matchesHeader(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorResponse("missing or wrong bearer token (Authorization: Bearer <content of"
                            + " provisioner.token-file>)"))
                    .build());
        }
    }
}
