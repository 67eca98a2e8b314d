package org.elasticslurm.provisioner.libvirt;

import org.elasticslurm.testsupport.TestDriverHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.provisioner.testing.ServiceProcess;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service with {@code provisioner.backend=libvirt} on a test-driver host: configuration keys reach
 * the backend, nodes get machines with addresses, suspend removes them, bad pool settings stop the start.
 */
@CpuCost(1) // the packaged service: a JVM start per test
@RequiresLibvirtLibrary
class LibvirtServiceIT {
    private static final List<String> NODES = List.of("login1", "test1", "test2", "test3", "test4", "test5", "test6",
            "test7", "test8");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Map<String, String> libvirtProperties(Path seeds) throws Exception {
        Files.write(dir.resolve("munge.key"), new byte[] {1, 2, 3, 4});
        return Map.ofEntries(
                Map.entry("provisioner.backend", "libvirt"),
                Map.entry("provisioner.libvirt.uris", TestDriverHost.withCpus(8).memoryMiB(16384).write(dir, "hv")),
                Map.entry("provisioner.address-poll-interval", "0.1s"),
                Map.entry("provisioner.reconcile-interval", "1h"),
                Map.entry("provisioner.pools.cloud.nodes", "test[1-4]"),
                Map.entry("provisioner.pools.cloud.mode", "create"),
                Map.entry("provisioner.pools.cloud.storage-pool", "images"),
                Map.entry("provisioner.pools.cloud.base-image", "base.qcow2"),
                Map.entry("provisioner.pools.cloud.network", "lab"),
                Map.entry("provisioner.pools.cloud.memory", "256"),
                Map.entry("provisioner.pools.cloud.munge-key", dir.resolve("munge.key").toString()),
                Map.entry("provisioner.pools.cloud.seed-directory", seeds.toString()));
    }

    @Test
    void resumedNodesGetMachinesWithAddressesAndSuspendRemovesThem() throws Exception {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        try (ServiceProcess service = new ServiceProcess(dir.resolve("svc"), TestConf.CLOUD8, NODES,
                libvirtProperties(seeds))) {
            assertThat(call(service, "POST", "/v1/resume", "{\"nodes\":\"test[1-2]\"}").statusCode()).isEqualTo(202);
            await("test1 and test2 READY").atMost(Duration.ofSeconds(60))
                    .until(() -> field(service, "test1", "phase").equals("READY")
                            && field(service, "test2", "phase").equals("READY"));

            assertThat(field(service, "test1", "address")).startsWith("10.77.0.");
            assertThat(call(service, "GET", "/v1/nodes/test1", null).body()).contains("test1@test://");
            assertThat(seeds.resolve("test1-seed.iso")).exists();

            assertThat(call(service, "POST", "/v1/suspend", "{\"nodes\":\"test1\"}").statusCode()).isEqualTo(202);
            await("test1 POWERED_DOWN").atMost(Duration.ofSeconds(60))
                    .until(() -> field(service, "test1", "phase").equals("POWERED_DOWN"));
            assertThat(seeds.resolve("test1-seed.iso")).doesNotExist();
            assertThat(seeds.resolve("test2-seed.iso")).exists();
        }
    }

    @Test
    void aCreatePoolWithoutBaseImageStopsTheStartNamingTheKey() throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(libvirtProperties(dir.resolve("seeds")));
        properties.remove("provisioner.pools.cloud.base-image");
        properties.put("provisioner.pools.cloud.seed-bus", "floppy");

        assertThatThrownBy(() -> new ServiceProcess(dir.resolve("svc"), TestConf.CLOUD8, NODES, properties).close())
                .hasMessageContaining("provisioner.pools.cloud.base-image: required in mode create")
                .hasMessageContaining("provisioner.pools.cloud.seed-bus: must be one of [scsi, ide, sata, virtio]"
                        + " (floppy)");
    }

    @Test
    void aServiceWhoseSecondHostDoesNotAnswerStartsServesThePinnedNodesAndQueuesTheNodesThatMayBeOnTheSilentHost()
            throws Exception {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Path socket = dir.resolve("silent.sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(socket)); // listens, never answers: every call has no answer
            String silentUri = "test+unix:///default?socket=" + socket;
            Map<String, String> properties = new HashMap<>(libvirtProperties(seeds));
            String first = properties.get("provisioner.libvirt.uris");
            properties.put("provisioner.libvirt.uris", first + "," + silentUri);
            properties.put("provisioner.libvirt.call-timeout", "2s");
            properties.put("provisioner.pools.cloud.nodes", "test[1-2]");
            properties.put("provisioner.pools.cloud.uri", first);
            for (String key : List.of("mode", "storage-pool", "base-image", "network", "memory", "munge-key",
                    "seed-directory")) {
                properties.put("provisioner.pools.spread." + key, properties.get("provisioner.pools.cloud." + key));
            }
            properties.put("provisioner.pools.spread.nodes", "test[3-4]");

            try (ServiceProcess service = new ServiceProcess(dir.resolve("svc"), TestConf.CLOUD8, NODES,
                    properties)) {
                assertThat(call(service, "POST", "/v1/resume", "{\"nodes\":\"test1\"}").statusCode())
                        .isEqualTo(202);
                await("test1 READY").atMost(Duration.ofSeconds(60))
                        .until(() -> field(service, "test1", "phase").equals("READY"));
                HttpResponse<String> held = call(service, "POST", "/v1/resume", "{\"nodes\":\"test[2-3]\"}");
                assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
                assertThat(held.body()).contains("QUEUED");
                await("test2 READY").atMost(Duration.ofSeconds(60))
                        .until(() -> field(service, "test2", "phase").equals("READY"));
                assertThat(field(service, "test3", "phase")).as("as the log left it").isEqualTo("POWERED_DOWN");
                assertThat(Files.readString(service.log)).doesNotContain("test3@");
                HttpResponse<String> ready = call(service, "GET", "/q/health/ready", null);
                assertThat(ready.body()).contains("\"unknown-nodes\"").contains("test3, test4");
                assertThat(Files.readString(service.log)).contains("test3: left as logged until its machine is known")
                        .contains("test4: left as logged until its machine is known");
            }
        }
    }

    @Test
    void theTestOnlyFaultInjectionIsRefusedInTheProdProfile() throws Exception {
        Map<String, String> properties = new java.util.HashMap<>(libvirtProperties(dir.resolve("seeds")));
        properties.put("provisioner.libvirt.test-faults", "rate=0.2,seed=1");

        assertThatThrownBy(() -> new ServiceProcess(dir.resolve("svc"), TestConf.CLOUD8, NODES, properties).close())
                .hasMessageContaining("provisioner.libvirt.test-faults is a test-only setting")
                .hasMessageContaining("refused in the prod profile");
    }

    private HttpResponse<String> call(ServiceProcess service, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN).timeout(Duration.ofSeconds(10));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String field(ServiceProcess service, String node, String name) throws Exception {
        String json = call(service, "GET", "/v1/nodes/" + node, null).body();
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }
}
