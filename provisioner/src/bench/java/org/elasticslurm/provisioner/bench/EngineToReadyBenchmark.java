package org.elasticslurm.provisioner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.testing.ServiceProcess;

/**
 * N nodes to READY through the packaged service's API and engine, on a libvirt test-driver host described by a
 * node file with N defined (shut off) domains and a storage pool with a base image: {@code POST /v1/resume} of the
 * whole hostlist, then {@code GET /v1/nodes} until every node is READY; first for an {@code existing} pool (start
 * the domain), then for a {@code create} pool (clone, NoCloud seed by genisoimage, define, start). Addresses come
 * from a hosts file naming every node, the Slurm updates go to the stand-in scontrol (one process per node, as
 * with the real one). Where the time goes is read from the operation log: per node CREATING to BOOTING (backend
 * call, incl. queueing for {@code provisioner.max-parallel}) and BOOTING to READY (address, scontrol update).
 *
 * <p>Run: {@code provisioner/bin/bench EngineToReadyBenchmark [nodes [max-parallel]]}. Goal: 1,000 nodes < 10 s.
 */
public final class EngineToReadyBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String parallel = args.length > 1 ? args[1] : "16";
        Path dir = BenchSupport.tempDir("bench-ready");
        try {
            Path host = dir.resolve("host.xml");
            Files.writeString(host, nodeFile(n));
            Path hosts = dir.resolve("map.hosts");
            StringBuilder lines = new StringBuilder();
            for (int i = 1; i <= 2 * n; i++) {
                lines.append(String.format("52:54:01:%02x:%02x:%02x,10.%d.%d.%d,test%d%n", i >> 16, (i >> 8) & 0xff,
                        i & 0xff, 100 + (i >> 16), (i >> 8) & 0xff, i & 0xff, i));
            }
            Files.writeString(hosts, lines);
            Files.write(dir.resolve("munge.key"), new byte[1024]);
            Path seeds = Files.createDirectories(dir.resolve("seeds"));
            Map<String, String> props = new HashMap<>(Map.ofEntries(
                    Map.entry("provisioner.backend", "libvirt"),
                    Map.entry("provisioner.libvirt.uris", "test://" + host),
                    Map.entry("provisioner.max-parallel", parallel),
                    Map.entry("provisioner.address-poll-interval", "0.1s"),
                    Map.entry("provisioner.reconcile-interval", "1h"),
                    Map.entry("quarkus.log.category.\"org.elasticslurm\".level", "WARN"),
                    Map.entry("provisioner.pools.static.mode", "existing"),
                    Map.entry("provisioner.pools.static.nodes", "test[1-" + n + "]"),
                    Map.entry("provisioner.pools.static.hosts-file", hosts.toString()),
                    Map.entry("provisioner.pools.cloud.mode", "create"),
                    Map.entry("provisioner.pools.cloud.nodes", "test[" + (n + 1) + "-" + 2 * n + "]"),
                    Map.entry("provisioner.pools.cloud.storage-pool", "images"),
                    Map.entry("provisioner.pools.cloud.base-image", "base.qcow2"),
                    Map.entry("provisioner.pools.cloud.memory", "64"),
                    Map.entry("provisioner.pools.cloud.network", "none"),
                    Map.entry("provisioner.pools.cloud.network-config", "none"),
                    Map.entry("provisioner.pools.cloud.munge-key", dir.resolve("munge.key").toString()),
                    Map.entry("provisioner.pools.cloud.seed-directory", seeds.toString()),
                    Map.entry("provisioner.pools.cloud.hosts-file", hosts.toString())));
            try (ServiceProcess service = BenchSupport.service(dir.resolve("service"), 2 * n, props)) {
                HttpClient http = HttpClient.newHttpClient();
                System.out.printf("%d nodes per pool, max-parallel %s, test driver host (load %s)%n", n, parallel,
                        BenchSupport.load());
                run("existing (start defined domains)", http, service, "test[1-" + n + "]", n);
                run("create (clone + genisoimage seed + define + start)", http, service,
                        "test[" + (n + 1) + "-" + 2 * n + "]", n);
                System.out.printf("load after: %s%n", BenchSupport.load());
            }
        } finally {
            BenchSupport.delete(dir);
        }
    }

    private static void run(String what, HttpClient http, ServiceProcess service, String hostlist, int n)
            throws Exception {
        URI base = service.url();
        long logBefore = Files.exists(service.dir.resolve("operations.jsonl"))
                ? Files.readAllLines(service.dir.resolve("operations.jsonl")).size() : 0;
        long t0 = System.nanoTime();
        int status = BenchSupport.post(http, base, "/v1/resume", "{\"nodes\":\"" + hostlist + "\"}").statusCode();
        long answered = System.nanoTime() - t0;
        if (status != 202) {
            throw new IllegalStateException("resume answered " + status);
        }
        long deadline = t0 + Duration.ofMinutes(5).toNanos();
        int ready = 0;
        int failed = 0;
        String error = "";
        while (System.nanoTime() < deadline) {
            JsonNode nodes = JSON.readTree(BenchSupport.get(http, base, "/v1/nodes").body());
            ready = 0;
            failed = 0;
            for (JsonNode node : nodes) {
                if (hostlistMember(node.get("name").asText(), hostlist)) {
                    String phase = node.get("phase").asText();
                    ready += phase.equals("READY") ? 1 : 0;
                    failed += phase.equals("FAILED") ? 1 : 0;
                    if (phase.equals("FAILED") && error.isEmpty()) {
                        error = node.get("name").asText() + ": " + node.path("lastError").asText();
                    }
                }
            }
            if (ready + failed == n) {
                break;
            }
            BenchSupport.pause(Duration.ofMillis(50)); // polling interval of the API reader
        }
        long total = System.nanoTime() - t0;
        System.out.printf("%-52s %d READY, %d FAILED: wall %6d ms (202 after %d ms)%n", what, ready, failed,
                total / 1_000_000, answered / 1_000_000);
        if (failed > 0) {
            System.out.println("  first failure: " + error);
        }
        breakdown(service.dir.resolve("operations.jsonl"), logBefore);
    }

    private static boolean hostlistMember(String name, String hostlist) {
        int from = Integer.parseInt(hostlist.substring(hostlist.indexOf('[') + 1, hostlist.indexOf('-')));
        int to = Integer.parseInt(hostlist.substring(hostlist.indexOf('-') + 1, hostlist.indexOf(']')));
        int k = Integer.parseInt(name.substring(4));
        return k >= from && k <= to;
    }

    /** Per node from the operation log: first event to BOOTING (backend), BOOTING to READY (address + scontrol). */
    private static void breakdown(Path log, long skip) throws Exception {
        Map<String, Instant> first = new HashMap<>();
        Map<String, Instant> booting = new HashMap<>();
        Map<String, Instant> ready = new HashMap<>();
        Map<String, List<String>> events = new HashMap<>();
        List<String> lines = Files.readAllLines(log);
        for (String line : lines.subList((int) skip, lines.size())) {
            JsonNode e = JSON.readTree(line);
            String node = e.get("node").asText();
            events.computeIfAbsent(node, k -> new ArrayList<>()).add(line);
            Instant t = Instant.parse(e.get("time").asText());
            first.putIfAbsent(node, t);
            String phase = e.path("phase").asText();
            if (phase.equals("BOOTING")) {
                booting.putIfAbsent(node, t);
            } else if (phase.equals("READY")) {
                ready.putIfAbsent(node, t);
            }
        }
        List<Double> backend = new ArrayList<>();
        List<Double> toReady = new ArrayList<>();
        for (String node : ready.keySet()) {
            backend.add(millis(first.get(node), booting.get(node)));
            toReady.add(millis(booting.get(node), ready.get(node)));
        }
        if (backend.isEmpty()) {
            return;
        }
        Instant start = Collections.min(first.values());
        System.out.printf("  first logged event to last BOOTING %d ms, to last READY %d ms%n",
                (long) millis(start, Collections.max(booting.values())), (long) millis(start,
                        Collections.max(ready.values())));
        System.out.println("  per node, accepted -> BOOTING (queue + backend call): " + BenchSupport.summary(backend));
        String slowest = Collections.max(ready.keySet(), java.util.Comparator.comparing(n ->
                Duration.between(first.get(n), booting.get(n))));
        System.out.printf("  slowest backend call: %s %.0f ms, %d events (a retry would show)%n", slowest,
                millis(first.get(slowest), booting.get(slowest)), events.get(slowest).size());
        System.out.println("  per node, BOOTING -> READY (address + scontrol):      " + BenchSupport.summary(toReady));
    }

    private static double millis(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e6;
    }

    /** A test-driver node file: a big host, a storage pool with a base image, n shut-off domains test1..n. */
    static String nodeFile(int n) {
        StringBuilder x = new StringBuilder("""
                <node>
                  <cpu><mhz>2000</mhz><model>x86_64</model><nodes>1</nodes><sockets>1</sockets>
                    <cores>4096</cores><threads>1</threads><active>4096</active><max>4096</max></cpu>
                  <memory>1073741824</memory>
                  <pool type='dir'><name>images</name><target><path>/images</path></target>
                    <volume type='file'><name>base.qcow2</name><capacity unit='MiB'>1</capacity>
                      <target><path>/images/base.qcow2</path><format type='qcow2'/></target></volume>
                  </pool>
                """);
        for (int i = 1; i <= n; i++) {
            x.append("  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'><name>test")
                    .append(i).append("</name><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os>")
                    .append("<test:runstate>5</test:runstate></domain>\n");
        }
        return x.append("</node>\n").toString();
    }
}
