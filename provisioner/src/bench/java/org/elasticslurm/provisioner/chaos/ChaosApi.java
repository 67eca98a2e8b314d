package org.elasticslurm.provisioner.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticslurm.provisioner.testing.ServiceProcess;

/**
 * The service's HTTP API as slurmctld's programs use it, counting every accepted operation, every refusal the
 * service promises (503 with a JSON body naming the error) and every other 5xx.
 */
final class ChaosApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger http5xx = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final List<String> serverErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile URI base;

    void target(URI url) {
        this.base = url;
    }

    /** POSTs {@code {"nodes": hostlist}}; returns the status, remembering the ids of accepted operations. */
    int post(String path, String hostlist) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nodes\":\"" + hostlist + "\"}")).build());
        if (r.statusCode() == 202) {
            for (JsonNode op : JSON.readTree(r.body()).path("operations")) {
                accepted.add(op.path("id").asText());
            }
        }
        return r.statusCode();
    }

    /** Every node: name to its phase and last error ("" when none). */
    Map<String, String[]> nodes() throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("/v1/nodes").GET().build());
        Map<String, String[]> out = new LinkedHashMap<>();
        if (r.statusCode() != 200) {
            return out;
        }
        for (JsonNode n : JSON.readTree(r.body())) {
            out.put(n.path("name").asText(), new String[] {n.path("phase").asText(),
                    n.path("lastError").isNull() ? "" : n.path("lastError").asText("")});
        }
        return out;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (refusal(r)) {
            refused.incrementAndGet();
        } else if (r.statusCode() >= 500) {
            http5xx.incrementAndGet();
            serverErrors.add(request.method() + " " + request.uri().getPath() + " -> " + r.statusCode() + " "
                    + r.body());
        }
        return r;
    }

    /** A 503 whose body is a JSON object with a non-empty {@code error}: a refusal, nothing was done. */
    static boolean refusal(HttpResponse<String> r) {
        if (r.statusCode() != 503 || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return false;
        }
        try {
            return !JSON.readTree(r.body()).path("error").asText("").isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN);
    }

    int refused() {
        return refused.get();
    }

    int http5xx() {
        return http5xx.get();
    }

    List<String> serverErrors() {
        return serverErrors;
    }

    Set<String> accepted() {
        return accepted;
    }
}
