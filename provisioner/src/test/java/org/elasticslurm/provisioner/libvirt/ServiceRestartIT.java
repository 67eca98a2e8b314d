package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elasticslurm.provisioner.testing.ServiceProcess;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.StoragePool;

/**
 * The packaged service on {@code qemu:///system} killed with SIGKILL and started again: node 1 is READY (its tiny
 * TCG guest has booted), nodes 2 and 3 are CREATING (their domains started paused, the attach command still
 * running). Slurm (the stand-in scontrol) still waits for node 2 and shows node 3 powered down. After the restart
 * the state is rebuilt from the domains' metadata: node 1 is READY on the same, never restarted, domain; the
 * interrupted resume of node 2 is continued under its operation id; that of node 3 is rolled back; no domain is
 * created twice. Suspending everything leaves no domain, volume or seed behind.
 *
 * <p>The guests' taps stay unconnected in libvirtd's namespace (no address anywhere; the lab network is
 * exercised by {@code QemuSystemIT}).
 */
@CpuCost(2) // TCG guests boot while the service (a JVM) starts, twice
@RequiresLibvirtDaemon
class ServiceRestartIT {
    private static final String URI_SYSTEM = "qemu:///system";
    private static final Duration BOOT_BOUND = Duration.ofMinutes(3);

    private final String tag = "esrs" + HexFormat.of().formatHex(new byte[] {(byte) new Random().nextInt(),
            (byte) new Random().nextInt(), (byte) new Random().nextInt()});
    private final Path dir = Path.of("/var/lib/libvirt/images", tag);
    private final List<String> nodes = List.of(tag + "n1", tag + "n2", tag + "n3");
    private final HttpClient http = HttpClient.newHttpClient();
    private Connect admin;
    private LibvirtHypervisor hypervisor;
    private ServiceProcess service;
    private Path block;
    private Map<String, String> properties;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(dir.resolve("pool"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Path> guest = TinyGuest.build(dir);
        Process img = new ProcessBuilder("/usr/bin/qemu-img", "create", "-q", "-f", "qcow2",
                dir.resolve("pool/base.qcow2").toString(), "64M").inheritIO().start();
        assertThat(img.waitFor()).isZero();
        admin = new Connect(URI_SYSTEM);
        StoragePool pool = admin.storagePoolCreateXML("<pool type='dir'><name>" + tag + "</name><target><path>"
                + dir.resolve("pool") + "</path></target></pool>", 0);
        pool.refresh(0);
        pool.free();
        hypervisor = LibvirtHypervisor.open(URI_SYSTEM);
        Files.write(dir.resolve("munge.key"), new byte[32]);
        Files.writeString(dir.resolve("user-data.tmpl"), "#cloud-config\n# es-check node={{ node }}\n");
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            hosts.append(String.format("52:54:00:%s:%s:%02x,10.77.0.%d,%s%n", tag.substring(4, 6), tag.substring(6, 8),
                    i + 1, 41 + i, nodes.get(i)));
        }
        Files.writeString(dir.resolve("map.hosts"), hosts);
        // the attach command: records its call; blocks (polling) while the file "block" exists
        block = dir.resolve("block");
        Path attach = dir.resolve("attach.sh");
        Files.writeString(attach, "#!/bin/sh\necho \"$1 $2\" >> '" + dir.resolve("attach.trace") + "'\n"
                + "while [ -e '" + block + "' ]; do /bin/sleep 0.2; done\n");
        Files.setPosixFilePermissions(attach, PosixFilePermissions.fromString("rwxr-xr-x"));
        String kernelArgs = "console=ttyS0 quiet panic=-1";
        properties = new LinkedHashMap<>();
        properties.put("provisioner.backend", "libvirt");
        properties.put("provisioner.libvirt.uris", URI_SYSTEM);
        properties.put("provisioner.address-poll-interval", "0.2s");
        properties.put("provisioner.reconcile-interval", "1h");
        properties.put("provisioner.pools.tiny.nodes", tag + "n[1-3]");
        properties.put("provisioner.pools.tiny.storage-pool", tag);
        properties.put("provisioner.pools.tiny.base-image", "base.qcow2");
        properties.put("provisioner.pools.tiny.memory", "256");
        properties.put("provisioner.pools.tiny.domain-type", "qemu");
        properties.put("provisioner.pools.tiny.kernel", guest.get(0).toString());
        properties.put("provisioner.pools.tiny.initrd", guest.get(1).toString());
        properties.put("provisioner.pools.tiny.kernel-args", kernelArgs);
        properties.put("provisioner.pools.tiny.user-data", dir.resolve("user-data.tmpl").toString());
        properties.put("provisioner.pools.tiny.munge-key", dir.resolve("munge.key").toString());
        properties.put("provisioner.pools.tiny.network-config", "none");
        properties.put("provisioner.pools.tiny.ethernet", "true");
        properties.put("provisioner.pools.tiny.attach-command", attach + ",{tap},{node}");
        properties.put("provisioner.pools.tiny.attach-timeout", "20s");
        properties.put("provisioner.pools.tiny.hosts-file", dir.resolve("map.hosts").toString());
        properties.put("provisioner.pools.tiny.console-log", dir.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            Files.deleteIfExists(block);
            if (service != null) {
                service.close();
            }
            if (hypervisor != null) {
                for (DomainSummary d : hypervisor.domains()) {
                    if (d.name().startsWith(tag)) {
                        hypervisor.destroy(d.name());
                        hypervisor.undefine(d.name());
                    }
                }
                hypervisor.close();
            }
            await("attach commands and guests of " + tag + " ended").atMost(Duration.ofSeconds(60))
                    .until(() -> processesMentioning(dir.toString()).isEmpty());
        } finally {
            if (admin != null) {
                StoragePool p = admin.storagePoolLookupByName(tag);
                p.destroy();
                p.free();
                admin.close();
            }
            TinyGuest.deleteTree(dir);
        }
    }

    private static List<Long> processesMentioning(String text) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').contains(text);
                } catch (IOException e) {
                    return false; // ended meanwhile
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
    }

    private ServiceProcess start() throws Exception {
        return new ServiceProcess(dir.resolve("service"),
                "ClusterName=" + tag + "\nNodeName=" + tag + "n[1-3] State=CLOUD\n",
                nodes, properties);
    }

    @Test
    void aServiceKilledWhileNodesAreReadyAndCreatingRebuildsItsStateWithoutDuplicatesAndCleansUp() throws Exception {
        String n1 = nodes.get(0);
        String n2 = nodes.get(1);
        String n3 = nodes.get(2);
        service = start();
        post("/v1/resume", n1);
        await(n1 + " READY").atMost(Duration.ofSeconds(60)).until(() -> field(n1, "phase").equals("READY"));
        await("tiny guest " + n1 + " booted").atMost(BOOT_BOUND).pollInterval(Duration.ofMillis(200))
                .until(() -> console(n1).contains(TinyGuest.READY));
        String uuid1 = hypervisor.domain(n1).orElseThrow().uuid();
        assertThat(hypervisor.domain(n1).orElseThrow().metadata().orElseThrow().owner())
                .as("owner taken from slurm.conf's ClusterName").contains(tag);

        Files.writeString(block, "");
        String op2 = operationId(post("/v1/resume", n2));
        String op3 = operationId(post("/v1/resume", n3));
        await(n2 + " and " + n3 + " paused, their attach commands running").atMost(Duration.ofSeconds(60))
                .until(() -> trace().contains(n2) && trace().contains(n3));
        assertThat(field(n2, "phase")).isEqualTo("CREATING");
        assertThat(hypervisor.domain(n2).orElseThrow().state()).isEqualTo(DomainState.PAUSED);

        service.process().destroyForcibly(); // SIGKILL
        assertThat(service.process().waitFor()).isEqualTo(137);
        Files.delete(block);
        service.scontrol.show(String.join("\n",
                "NodeName=" + n1 + " State=IDLE+CLOUD NodeAddr=10.77.0.41",
                "NodeName=" + n2 + " State=IDLE+CLOUD+POWERING_UP",
                "NodeName=" + n3 + " State=IDLE+CLOUD+POWERED_DOWN") + "\n");
        service = start();

        await(n2 + " READY after the restart, " + n3 + " rolled back").atMost(Duration.ofSeconds(60))
                .until(() -> field(n2, "phase").equals("READY") && field(n3, "phase").equals("POWERED_DOWN"));
        assertThat(hypervisor.domain(n3)).as("the rolled-back creation's domain").isEmpty();
        assertThat(field(n1, "phase")).isEqualTo("READY");
        assertThat(field(n1, "address")).isEqualTo("10.77.0.41");
        assertThat(hypervisor.domain(n1).orElseThrow().uuid()).as("the same domain").isEqualTo(uuid1);
        assertThat(console(n1).split("ES-MARKER boot", -1)).as("booted once, never restarted").hasSize(2);
        assertThat(field(n2, "operationId")).as("the interrupted resume, continued").isEqualTo(op2);
        assertThat(field(n2, "address")).isEqualTo("10.77.0.42");
        assertThat(hypervisor.domain(n2).orElseThrow().state()).isEqualTo(DomainState.RUNNING);
        assertThat(field(n3, "phase")).isEqualTo("POWERED_DOWN");
        assertThat(op3).isNotEqualTo(op2);
        assertThat(hypervisor.domains()).filteredOn(d -> d.name().startsWith(tag)).extracting(DomainSummary::name)
                .containsExactlyInAnyOrder(n1, n2);
        assertThat(Files.readString(service.log)).contains("interrupted RESUME " + op2 + " continued",
                "interrupted RESUME " + op3 + " rolled back");

        post("/v1/suspend", tag + "n[1-3]");
        await("every node POWERED_DOWN").atMost(Duration.ofSeconds(90))
                .until(() -> {
                    for (String n : nodes) {
                        if (!field(n, "phase").equals("POWERED_DOWN")) {
                            return false;
                        }
                    }
                    return true;
                });
        assertThat(hypervisor.domains()).noneMatch(d -> d.name().startsWith(tag));
        StoragePool p = admin.storagePoolLookupByName(tag);
        p.refresh(0);
        assertThat(p.listVolumes()).containsExactly("base.qcow2");
        p.free();
    }

    private String console(String node) throws IOException {
        Path file = dir.resolve(node + ".console.log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }

    private String trace() throws IOException {
        Path file = dir.resolve("attach.trace");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private String post(String path, String hostlist) throws Exception {
        HttpResponse<String> r = http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"nodes\":\"" + hostlist + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return r.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(service.url() + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ServiceProcess.TOKEN);
    }

    private static String operationId(String body) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    private String field(String node, String name) throws Exception {
        String json = http.send(request("/v1/nodes/" + node).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }
}
