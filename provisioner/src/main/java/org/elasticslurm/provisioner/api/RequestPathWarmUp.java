package org.elasticslurm.provisioner.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.List;
import org.elasticslurm.provisioner.config.ValidatedConfig;
import org.elasticslurm.provisioner.operation.NodeSelector;
import org.elasticslurm.provisioner.operation.OperationEngine;
import org.elasticslurm.provisioner.operation.RequestRejectedException;
import org.elasticslurm.provisioner.pool.Pools;
import org.jboss.logging.Logger;

/**
 * Runs the request path once the service is built and before it takes requests: request bodies are read with the
 * service's own JSON mapper (valid and malformed ones), hostlists are checked against the pools (accepted and
 * refused ones) and the node views are written as JSON, {@code provisioner.warm-up-rounds} times (at most
 * 1.5 s). The classes are then loaded and the
 * hot methods compiled, so the first hook calls after a start are answered as fast as later ones (the hooks give
 * a call at most 800 ms). Reads only; nothing is changed.
 */
@ApplicationScoped
public class RequestPathWarmUp {
    private static final Logger LOG = Logger.getLogger(RequestPathWarmUp.class);
    private static final long BUDGET_NANOS = 1_500_000_000L;

    void warm(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event, ObjectMapper json,
              NodeSelector selector, OperationEngine engine, Pools pools, ValidatedConfig config) {
        int maxRounds = config.get().warmUpRounds();
        List<String> nodes = pools.poolNodes().stream().sorted().limit(2).toList();
        if (nodes.isEmpty() || maxRounds == 0) {
            return;
        }
        String hostlist = String.join(",", nodes);
        String body = "{\"nodes\":\"" + hostlist + "\",\"resumeFile\":{\"jobs\":[{\"job_id\":1,\"nodes\":\""
                + hostlist + "\"}],\"all_nodes\":\"" + hostlist + "\"}}";
        long start = System.nanoTime();
        int rounds = 0;
        int refused = 0;
        while (rounds < maxRounds && System.nanoTime() - start < BUDGET_NANOS) {
            try {
                PowerRequest request = json.readValue(body, PowerRequest.class);
                selector.select(request.nodes());
                json.writeValueAsString(engine.nodes().stream().limit(10).map(NodeDto::of).toList());
            } catch (JacksonException e) {
                throw new IllegalStateException("warm-up: a valid request body was not read: " + e.getMessage(), e);
            }
            refused += refusedBody(json) + refusedHostlist(selector);
            rounds++;
        }
        LOG.infof("request path warmed up: %d rounds (%d refusals as expected) in %d ms", rounds, refused,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static int refusedBody(ObjectMapper json) {
        try {
            json.readValue("{\"nodes\":", PowerRequest.class);
            throw new IllegalStateException("warm-up: a truncated body was read");
        } catch (JacksonException e) {
            return JsonBodyErrors.describe(e).isEmpty() ? 0 : 1;
        }
    }

    private static int refusedHostlist(NodeSelector selector) {
        try {
            selector.select("warm-up[2-1]");
            throw new IllegalStateException("warm-up: a bad hostlist was accepted");
        } catch (RequestRejectedException e) {
            return 1;
        }
    }
}
