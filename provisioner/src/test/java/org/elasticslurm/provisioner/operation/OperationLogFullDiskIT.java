package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.elasticslurm.provisioner.testing.ServiceProcess;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operation log on a real file system that fills up (a 64 KiB tmpfs mounted for the test) and is freed
 * again, under the engine and under the packaged service (sim backend, stand-in scontrol). Needs root for
 * mount(8); skipped, saying so, elsewhere unless {@code CI=true}.
 */
@CpuCost(1) // the packaged service: a JVM start
class OperationLogFullDiskIT {
    @TempDir
    Path dir;

    /**
     * A 64 KiB tmpfs mounted on a new directory {@code name} of {@link #dir} (the caller unmounts it); aborts the
     * test where mounting needs root and this is not root, unless {@code CI=true}.
     */
    private Path mountedTmpfs(String name) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("mounting a tmpfs needs root (user " + System.getProperty("user.name") + ")");
        }
        Path mount = Files.createDirectories(dir.resolve(name));
        run("mount", "-t", "tmpfs", "-o", "size=64k", name, mount.toString());
        return mount;
    }

    @Test
    void aFullDiskFailsTheOperationsVisiblyAndTheLogStaysReadableAndWorksAgainOnceSpaceIsFreed() throws Exception {
        Path mount = mountedTmpfs("peng-oplog");
        try {
            Path logFile = mount.resolve("operations.jsonl");
            Path filler = mount.resolve("filler");
            try (JsonLinesOperationLog log = new JsonLinesOperationLog(logFile)) {
                EngineHarness h = EngineHarness.journaled(log);
                h.engine.resume(List.of("test1"), Map.of());
                h.scheduler.advance(Duration.ofMinutes(1));
                assertThat(h.phase("test1")).isEqualTo(Phase.READY);
                fill(filler);

                String failedNode = null;
                for (int round = 0; round < 200 && failedNode == null; round++) {
                    String node = "test" + (2 + round % 7);
                    h.engine.resume(List.of(node), Map.of());
                    h.scheduler.advance(Duration.ofMinutes(1));
                    if (h.phase(node) == Phase.FAILED) {
                        failedNode = node;
                        break;
                    }
                    h.engine.suspend(List.of(node));
                    h.scheduler.advance(Duration.ofMinutes(1));
                    if (h.phase(node) == Phase.FAILED) {
                        failedNode = node;
                    }
                }

                assertThat(failedNode).as("an operation failed once the disk was full").isNotNull();
                assertThat(h.node(failedNode).lastError()).hasValueSatisfying(e -> assertThat(e)
                        .contains("cannot append to the operation log " + logFile, "No space left on device"));
                assertThat(h.slurm.callsFor(failedNode)).filteredOn(c -> c.startsWith("down ")).singleElement().asString()
                        .startsWith("down " + failedNode + " reason=provisioner: cannot append to the operation log")
                        .contains("No space left on device");
                assertThat(h.engine.nodes()).extracting(NodeView::phase)
                        .doesNotContain(Phase.CREATING, Phase.BOOTING, Phase.CONFIGURING, Phase.DESTROYING);
                assertThat(h.engine.journalFailure()).hasValueSatisfying(
                        f -> assertThat(f).contains("No space left on device"));
                assertThatThrownBy(() -> h.engine.resume(List.of("test1"), Map.of()))
                        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.reason())
                                .isEqualTo(RequestRejectedException.Reason.UNAVAILABLE));

                Files.delete(filler);

                assertThat(h.engine.journalFailure()).isEmpty();
                h.engine.resume(List.of(failedNode), Map.of());
                h.scheduler.advance(Duration.ofMinutes(1));
                assertThat(h.phase(failedNode)).isEqualTo(Phase.READY);
            }

            List<String> lines = Files.readAllLines(logFile);
            ObjectMapper json = new ObjectMapper();
            assertThat(lines).allSatisfy(l -> assertThat(json.readTree(l).isObject()).as(l).isTrue());
            JsonLinesOperationLog.Replay replay = JsonLinesOperationLog.replay(logFile);
            assertThat(replay.skipped()).isZero();
            assertThat(replay.lastByNode().get("test1").status()).isEqualTo(OperationStatus.SUCCEEDED);
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void theServiceAnswers503WithJsonAndIsNotReadyWhileItsLogCannotBeWrittenAndRecoversWithoutARestart()
            throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("mounting a tmpfs needs root (user " + System.getProperty("user.name") + ")");
        }
        Path mount = Files.createDirectories(dir.resolve("peng-svclog"));
        run("mount", "-t", "tmpfs", "-o", "size=64k", "peng-svclog", mount.toString());
        try {
            Path logFile = mount.resolve("operations.jsonl");
            Path filler = mount.resolve("filler");
            try (ServiceProcess service = new ServiceProcess(Files.createDirectories(dir.resolve("service")),
                    TestConf.CLOUD8, NODES, Map.of("provisioner.operation-log", logFile.toString(),
                            "provisioner.libvirt.kvm-verdict-file", dir.resolve("kvm-verdict").toString(),
                            "provisioner.sim.boot-delay", "0.1s", "provisioner.address-poll-interval", "0.05s",
                            "provisioner.reconcile-interval", "1h"))) {
                HttpClient http = HttpClient.newHttpClient();
                assertThat(post(http, service, "resume", "test1").statusCode()).isEqualTo(202);
                fill(filler);

                AtomicInteger round = new AtomicInteger();
                AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
                await("a request refused once the log cannot be written").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100)).until(() -> {
                            int r = round.getAndIncrement();
                            String node = "test" + (2 + (r / 2) % 7);
                            HttpResponse<String> answer = post(http, service, r % 2 == 0 ? "resume" : "suspend", node);
                            refused.set(answer);
                            return answer.statusCode() != 202;
                        });

                assertThat(refused.get().statusCode()).isEqualTo(503);
                assertThat(refused.get().headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/json"));
                assertThat(new ObjectMapper().readTree(refused.get().body()).get("error").asText())
                        .contains("operation log cannot be written", "No space left on device");
                HttpResponse<String> ready = get(http, service, "/q/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("operation-log", "No space left on device");
                // Which append fails first is a race: a request's admission (refused with 503, nothing started)
                // or the step of an operation in flight (failed, its node DOWN). Every node failed by the log is
                // DOWN in Slurm with the reason; that such a failure happens is shown by the engine-level test
                // above and, in the service, by operationsTheServiceStartedItselfFail... below.
                await("no node left in flight").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> inFlight(get(http, service, "/v1/nodes").body()).isEmpty());
                for (String failed : failedByTheLog(get(http, service, "/v1/nodes").body())) {
                    assertThat(service.scontrol.calls()).as("DOWN for " + failed).anySatisfy(call -> assertThat(
                            String.join("|", call)).contains("nodename=" + failed, "state=DOWN",
                            "reason=provisioner: cannot append to the operation log"));
                }

                Files.delete(filler);

                await("ready again once space is freed").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> get(http, service, "/q/health/ready").statusCode() == 200);
                assertThat(post(http, service, "resume", "test1").statusCode()).isEqualTo(202);
                await("no node left CREATING or DESTROYING").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200)).until(() -> {
                            String nodes = get(http, service, "/v1/nodes").body();
                            return !nodes.contains("CREATING") && !nodes.contains("BOOTING")
                                    && !nodes.contains("DESTROYING");
                        });
            }
            assertThat(JsonLinesOperationLog.replay(logFile).skipped()).isZero();
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void operationsTheServiceStartedItselfFailOnceItsLogIsFullAndTheirNodesAreSetDownWithTheReason() throws Exception {
        Path mount = mountedTmpfs("peng-downlog");
        try {
            Path logFile = mount.resolve("operations.jsonl");
            try (ServiceProcess service = new ServiceProcess(Files.createDirectories(dir.resolve("service")),
                    TestConf.CLOUD8, NODES, Map.of("provisioner.operation-log", logFile.toString(),
                            "provisioner.libvirt.kvm-verdict-file", dir.resolve("kvm-verdict").toString(),
                            "provisioner.sim.boot-delay", "0.1s", "provisioner.address-poll-interval", "0.05s",
                            "provisioner.reconcile-interval", "0.2s", "provisioner.orphan-grace", "0.1s"))) {
                HttpClient http = HttpClient.newHttpClient();
                fill(mount.resolve("filler"));

                // No request is sent, so no append is a request's admission: every one is a transition of an
                // operation the reconcile started (Slurm's view alternates: nodes powering up, then powered down).
                AtomicInteger round = new AtomicInteger();
                List<String> nodes = NODES.stream().filter(n -> n.startsWith("test")).toList();
                await("a node whose operation was failed by the full log").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            String state = round.getAndIncrement() % 2 == 0 ? "IDLE+CLOUD+POWERING_UP"
                                    : "IDLE+CLOUD+POWERED_DOWN";
                            service.scontrol.show(nodes.stream().map(n -> "NodeName=" + n + " State=" + state)
                                    .reduce("", (a, b) -> a + b + "\n"));
                            return !failedByTheLog(get(http, service, "/v1/nodes").body()).isEmpty();
                        });

                List<String> failed = failedByTheLog(get(http, service, "/v1/nodes").body());
                assertThat(failed).isNotEmpty();
                await("DOWN for " + failed).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertThat(failed).allSatisfy(node -> assertThat(service.scontrol.calls())
                                .anySatisfy(call -> assertThat(String.join("|", call)).contains("nodename=" + node,
                                        "state=DOWN", "reason=provisioner: cannot append to the operation log"))));
            }
        } finally {
            run("umount", mount.toString());
        }
    }

    private static List<String> inFlight(String nodesJson) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(nodesJson)) {
            if (List.of("CREATING", "BOOTING", "CONFIGURING", "DESTROYING").contains(n.path("phase").asText())) {
                names.add(n.path("name").asText());
            }
        }
        return names;
    }

    private static List<String> failedByTheLog(String nodesJson) throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(nodesJson)) {
            if (n.path("phase").asText().equals("FAILED")
                    && n.toString().contains("cannot append to the operation log")) {
                names.add(n.path("name").asText());
            }
        }
        return names;
    }

    private static final List<String> NODES = List.of("login1", "test1", "test2", "test3", "test4", "test5", "test6",
            "test7", "test8");

    private static HttpResponse<String> post(HttpClient http, ServiceProcess service, String call, String node)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(service.url().resolve("/v1/" + call))
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nodes\":\"" + node + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, ServiceProcess service, String path)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(service.url().resolve(path))
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void fill(Path filler) {
        byte[] chunk = new byte[512];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1_000; i++) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("No space left on device");
            return;
        }
        throw new AssertionError("the 64 KiB tmpfs did not fill up");
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
    }
}
