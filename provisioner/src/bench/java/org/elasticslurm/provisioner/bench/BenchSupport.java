package org.elasticslurm.provisioner.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.elasticslurm.provisioner.testing.ServiceProcess;

/** Shared pieces of the benchmark mains. */
final class BenchSupport {
    private BenchSupport() {
    }

    /** slurm.conf with CLOUD nodes test[1-n] and a normal node login1. */
    static String conf(int n) {
        return """
                ClusterName=bench
                SlurmctldHost=localhost(127.0.0.1)
                NodeName=login1 CPUs=1 State=UNKNOWN
                NodeName=test[1-%d] CPUs=1 State=CLOUD
                PartitionName=cloud Nodes=test[1-%d] Default=YES MaxTime=INFINITE State=UP
                """.formatted(n, n);
    }

    static List<String> names(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "test" + i).collect(Collectors.toList());
    }

    static ServiceProcess service(Path dir, int nodes, Map<String, String> props) throws Exception {
        List<String> known = new ArrayList<>(names(nodes));
        known.add("login1");
        return new ServiceProcess(dir, conf(nodes), known, props);
    }

    static HttpResponse<String> post(HttpClient http, URI base, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient http, URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double percentile(double[] sortedMillis, double p) {
        int i = (int) Math.ceil(p / 100.0 * sortedMillis.length) - 1;
        return sortedMillis[Math.max(0, Math.min(sortedMillis.length - 1, i))];
    }

    static String summary(List<Double> millis) {
        double[] s = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("n=%d min=%.1f p50=%.1f p90=%.1f p99=%.1f max=%.1f ms", s.length, s[0],
                percentile(s, 50), percentile(s, 90), percentile(s, 99), s[s.length - 1]);
    }

    static Path tempDir(String name) throws IOException {
        return Files.createTempDirectory(name);
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Waits until {@code System.nanoTime()} reaches {@code deadline}: wall-clock pacing, without Thread.sleep. */
    static void pauseUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** Waits for {@code pause} of wall-clock time (see {@link #pauseUntil}). */
    static void pause(Duration pause) {
        pauseUntil(System.nanoTime() + pause.toNanos());
    }

    static String load() throws IOException {
        return Arrays.stream(Files.readString(Path.of("/proc/loadavg")).split(" ")).limit(3)
                .collect(Collectors.joining(" ")) + " on " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
