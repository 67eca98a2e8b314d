package org.elasticslurm.provisioner.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.testing.ServiceProcess;

/**
 * How long the packaged service takes to answer {@code POST /v1/resume} for 1,000 nodes (goal: under 200 ms).
 * Each round resumes test[1-1000] (all POWERED_DOWN), measures until the 202 is read, then suspends them and
 * waits until all are POWERED_DOWN again. The first rounds warm the JVM and are reported separately.
 *
 * <p>Run: {@code provisioner/bin/bench ResumeLatencyBenchmark [rounds]} (after {@code mvn -pl provisioner package}).
 */
public final class ResumeLatencyBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int warmup = 5;
        Path dir = BenchSupport.tempDir("bench-resume");
        try (ServiceProcess service = BenchSupport.service(dir, 1000, Map.of("provisioner.sim.boot-delay", "60s",
                "provisioner.address-poll-interval", "1s", "quarkus.log.category.\"org.elasticslurm\".level", "WARN"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Double> cold = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            for (int r = 0; r < rounds + warmup; r++) {
                long t0 = System.nanoTime();
                HttpResponse<String> resp = BenchSupport.post(http, service.url(), "/v1/resume", "{\"nodes\":\"test[1-1000]\"}");
                double ms = (System.nanoTime() - t0) / 1e6;
                if (resp.statusCode() != 202 || !resp.body().contains("\"node\":\"test1000\"")) {
                    throw new IllegalStateException("unexpected reply " + resp.statusCode() + ": " + resp.body());
                }
                (r < warmup ? cold : warm).add(ms);
                BenchSupport.post(http, service.url(), "/v1/suspend", "{\"nodes\":\"test[1-1000]\"}");
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (BenchSupport.get(http, service.url(), "/v1/nodes").body().split("\"POWERED_DOWN\"", -1).length - 1 < 1000) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("nodes did not power down within 60 s");
                    }
                    BenchSupport.pause(Duration.ofMillis(50));
                }
            }
            System.out.println("resume of 1000 nodes, time to 202 (load " + BenchSupport.load() + ")");
            System.out.println("  first " + warmup + " rounds (JVM warming): " + BenchSupport.summary(cold));
            System.out.println("  next " + rounds + " rounds:                " + BenchSupport.summary(warm));
        } finally {
            BenchSupport.delete(dir);
        }
    }
}
