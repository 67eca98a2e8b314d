package org.elasticslurm.provisioner.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.provisioner.testing.ServiceProcess;

/**
 * API latency at a fixed arrival rate (default 200 requests/s for 30 s, loopback only): an open-loop load of
 * GET /v1/nodes/{name} (60%), POST /v1/resume of one node (20%), POST /v1/suspend of one node (20%) against the
 * packaged service on the sim backend. Latency counts from the scheduled send time, so a slow reply delays
 * nothing that follows (no coordinated omission). Goal: p99 under 50 ms.
 *
 * <p>Run: {@code provisioner/bin/bench ApiLatencyBenchmark [rate] [seconds]}.
 */
public final class ApiLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int total = rate * seconds;
        Path dir = BenchSupport.tempDir("bench-api");
        try (ServiceProcess service = BenchSupport.service(dir, 200, Map.of("provisioner.sim.boot-delay", "2s",
                "provisioner.address-poll-interval", "0.2s", "quarkus.log.category.\"org.elasticslurm\".level", "WARN"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = service.url();
            run(http, base, rate, Math.min(total, rate * 5), new ArrayList<>());
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            int errors = run(http, base, rate, total, latencies);
            System.out.println("API at " + rate + " req/s for " + seconds + " s after a 5 s warm-up (load "
                    + BenchSupport.load() + "), errors=" + errors);
            System.out.println("  " + BenchSupport.summary(latencies));
        } finally {
            BenchSupport.delete(dir);
        }
    }

    private static int run(HttpClient http, URI base, int rate, int count, List<Double> latencies) throws Exception {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        int[] errors = new int[1];
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < count; i++) {
            long scheduled = start + i * period;
            BenchSupport.pauseUntil(scheduled);
            String node = "test" + (1 + random.nextInt(200));
            int kind = random.nextInt(10);
            HttpRequest.Builder b = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + ServiceProcess.TOKEN);
            HttpRequest req = kind < 6 ? b.uri(base.resolve("/v1/nodes/" + node)).GET().build()
                    : b.uri(base.resolve(kind < 8 ? "/v1/resume" : "/v1/suspend")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nodes\":\"" + node + "\"}")).build();
            pending.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
                double ms = (System.nanoTime() - scheduled) / 1e6;
                if (e != null || (r.statusCode() != 200 && r.statusCode() != 202)) {
                    synchronized (errors) {
                        errors[0]++;
                    }
                } else {
                    latencies.add(ms);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return errors[0];
    }
}
