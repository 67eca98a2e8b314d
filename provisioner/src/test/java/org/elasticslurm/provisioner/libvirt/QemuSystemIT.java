package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

/**
 * Real guests under {@code qemu:///system}: a tiny guest (the installed Debian kernel, direct boot, and a busybox
 * initramfs built here) for Level 2 (existing domains: start, ACPI shutdown, destroy after the grace) and Level 3
 * (create from a base image with a NoCloud seed, address from the pool's static MAC to IP map, removal without
 * leftovers). Everything lives under /var/lib/libvirt/images/&lt;tag&gt;, in a transient storage pool named after
 * the tag, removed at the end.
 *
 * <p>The guests have no network interface ({@code network=none}): a libvirt network would put a bridge with an
 * address and its dnsmasq into the host's own network namespace, and tests may only use loopback or addresses in
 * namespaces they create themselves. The Level 3 address is therefore pure data here (no traffic at all). DHCP
 * leases through a lab namespace (ci/netlab.sh) are exercised by ci/smoke-level3.sh and belong to the scenarios'
 * qemu target.
 */
@CpuCost(1) // a TCG guest boots (one core)
@RequiresLibvirtDaemon
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QemuSystemIT {
    private static final String URI = "qemu:///system";
    private static final String CMDLINE = "console=ttyS0 quiet panic=-1";
    private static final Duration BOOT_BOUND = Duration.ofMinutes(3);

    private final String tag = "esit" + HexFormat.of().formatHex(new byte[] {(byte) new Random().nextInt(),
            (byte) new Random().nextInt(), (byte) new Random().nextInt()});
    private final Path dir = Path.of("/var/lib/libvirt/images", tag);
    private Connect admin;
    private LibvirtHypervisor hypervisor;
    private LibvirtBackend backend;
    private final String mac = "52:54:00:" + tag.substring(4, 6) + ":" + tag.substring(6, 8) + ":" + tag.substring(8);
    private final String address = "10.77.0.21"; // only an entry of the static map: never assigned, never reached
    /** The lab namespace's script, from the module directory the tests run in. */
    private static final Path NETLAB = Path.of("").toAbsolutePath().resolveSibling("ci").resolve("netlab.sh");
    private final String labMac = "52:54:00:" + tag.substring(4, 6) + ":" + tag.substring(6, 8) + ":"
            + String.format("%02x", Integer.parseInt(tag.substring(8), 16) ^ 0xff);
    private final String labAddress = "10.77.0.31";
    private boolean labUp;
    private List<Path> guest;
    private String domainType;
    private byte[] mungeKey;

    @BeforeAll
    void setUp() throws Exception {
        Files.createDirectories(dir.resolve("pool"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        guest = TinyGuest.build(dir);
        Process img = new ProcessBuilder("/usr/bin/qemu-img", "create", "-q", "-f", "qcow2",
                dir.resolve("pool/base.qcow2").toString(), "64M").inheritIO().start();
        assertThat(img.waitFor()).isZero();
        admin = new Connect(URI);
        try (Free<StoragePool> p = new Free<>(admin.storagePoolCreateXML("<pool type='dir'><name>" + tag
                + "</name><target><path>" + dir.resolve("pool") + "</path></target></pool>", 0), StoragePool::free)) {
            p.value().refresh(0);
        }
        mungeKey = new byte[32];
        new Random(3).nextBytes(mungeKey);
        Files.write(dir.resolve("munge.key"), mungeKey);
        Files.writeString(dir.resolve("slurm.conf"), "ClusterName=tiny\n");
        Files.writeString(dir.resolve("map.hosts"), mac + "," + address + "," + tag + "n1\n");
        Files.writeString(dir.resolve("user-data.tmpl"), """
                #cloud-config
                # es-check node={{ node }} pool={{ pool }} munge={{ munge_key_base64 }}
                hostname: {{ hostname }}
                """);
        hypervisor = LibvirtHypervisor.open(URI);
        Files.writeString(dir.resolve("lab.hosts"), labMac + "," + labAddress + "," + tag + "x1\n");
        Path attach = dir.resolve("attach.sh");
        Files.writeString(attach, "#!/bin/sh\n"
                + "echo \"domstate=$(/usr/bin/virsh -q -c " + URI + " domstate \"$2\")\"\n"
                + "ESL_NETNS=" + tag + " exec " + NETLAB + " adopt-tap \"$1\"\n");
        Files.setPosixFilePermissions(attach, PosixFilePermissions.fromString("rwxr-xr-x"));
        backend = LibvirtBackend.create(settings(), List.of(createPool(), existingPool(tag + "e1", 60),
                existingPool(tag + "e2", 4), ethernetPool(attach)), Clock.systemUTC());
        KvmVerdict verdict = backend.probeKvmInBackground().orElseThrow().join();
        domainType = verdict.usable() ? "kvm" : "qemu";
        figure("KVM probe", verdict.took(), verdict.reason());
    }

    private LibvirtSettings settings() {
        // seeds written in memory (IsoImage): the guests' Linux reads them by their Rock Ridge names
        return new LibvirtSettings(List.of(URI), Path.of("/usr/bin/qemu-system-x86_64"), Duration.ofSeconds(10),
                Optional.of(guest.get(0)), Path.of("/usr/bin/genisoimage"), Duration.ofSeconds(2), dir,
                dir.resolve("slurm.conf"), LibvirtSettings.SeedWriter.BUILTIN, tag, Optional.empty());
    }

    private CreatePoolSpec createPool() {
        return new CreatePoolSpec("tiny", List.of(tag + "n1"), Optional.of(URI), "{node}", tag, "base.qcow2", 256, 1,
                DomainTypePolicy.AUTO, Optional.of(boot(CMDLINE)), Optional.empty(), "52:54:00",
                new CreatePoolSpec.Seed(Optional.of(dir.resolve("user-data.tmpl")), dir.resolve("munge.key"), Map.of(),
                CreatePoolSpec.NetworkConfigMode.NONE, 24, Optional.empty(), List.of(), CreatePoolSpec.SeedBus.SCSI,
                Optional.empty()), StaticAddressMap.of(Map.of(), Optional.of(dir.resolve("map.hosts"))), false,
                Optional.of(dir));
    }

    /** An ethernet pool whose taps are moved into a lab namespace of this test (ci/netlab.sh) by the attach command. */
    private CreatePoolSpec ethernetPool(Path attach) throws IOException {
        return new CreatePoolSpec("tinyeth", List.of(tag + "x1"), Optional.of(URI), "{node}", tag, "base.qcow2", 256,
                1, DomainTypePolicy.AUTO, Optional.of(boot(CMDLINE)),
                Optional.of(CreatePoolSpec.Network.ethernet("esl")), "52:54:00",
                new CreatePoolSpec.Seed(Optional.of(dir.resolve("user-data.tmpl")), dir.resolve("munge.key"), Map.of(),
                CreatePoolSpec.NetworkConfigMode.NONE, 24, Optional.empty(), List.of(), CreatePoolSpec.SeedBus.SCSI,
                Optional.empty()), StaticAddressMap.of(Map.of(), Optional.of(dir.resolve("lab.hosts"))), false,
                Optional.of(dir), Optional.of(new AttachCommand(List.of(attach.toString(), "{tap}", "{domain}"),
                Duration.ofSeconds(30))));
    }

    private ExistingPoolSpec existingPool(String node, int graceSeconds) {
        return new ExistingPoolSpec("static-" + node, List.of(node), Optional.empty(), "{node}",
                Duration.ofSeconds(graceSeconds), StaticAddressMap.empty(), false);
    }

    private DomainSpec.DirectBoot boot(String cmdline) {
        return new DomainSpec.DirectBoot(guest.get(0).toString(), Optional.of(guest.get(1).toString()),
                Optional.of(cmdline));
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            if (hypervisor != null) {
                for (DomainSummary d : hypervisor.domains()) {
                    if (d.name().startsWith(tag)) {
                        hypervisor.destroy(d.name());
                        hypervisor.undefine(d.name());
                    }
                }
                hypervisor.close();
            }
            if (backend != null) {
                backend.close();
            }
            if (labUp) {
                ProcessBuilder down = new ProcessBuilder(NETLAB.toString(), "down").inheritIO();
                down.environment().put("ESL_NETNS", tag);
                assertThat(down.start().waitFor()).as("netlab down of namespace " + tag).isZero();
            }
        } finally {
            if (admin != null) {
                destroyQuietly(() -> admin.storagePoolLookupByName(tag).destroy());
                admin.close();
            }
            TinyGuest.deleteTree(dir);
        }
    }

    private interface LibvirtAction {
        void run() throws LibvirtException;
    }

    private static void destroyQuietly(LibvirtAction action) {
        try {
            action.run();
        } catch (LibvirtException e) {
            System.out.println("cleanup: " + e.getMessage()); // already gone
        }
    }

    @Test
    void createdGuestBootsReadsItsSeedGetsItsStaticAddressAndIsRemovedWithoutLeftovers() throws Exception {
        String node = tag + "n1";
        Path console = dir.resolve(node + ".console.log");

        long t0 = System.nanoTime();
        Machine machine = backend.ensureRunning(new MachineRequest(node, "tiny", "op-1"));
        Duration create = Duration.ofNanos(System.nanoTime() - t0);
        awaitConsole(console, TinyGuest.READY, "tiny guest " + node + " ready");
        Duration bootToMarker = Duration.ofNanos(System.nanoTime() - t0).minus(create);

        assertThat(machine.running()).isTrue();
        assertThat(machine.backendId()).isEqualTo(node + "@" + URI);
        assertThat(machine.address()).contains(address);
        try (Free<org.libvirt.Domain> d = new Free<>(admin.domainLookupByName(node), org.libvirt.Domain::free)) {
            assertThat(d.value().getXMLDesc(0)).contains("type='" + domainType + "'").doesNotContain("<interface");
        }
        assertThat(read(console)).contains("ES-MARKER seed-hostname=" + node + "\n")
                .contains("ES-MARKER seed-userdata # es-check node=" + node + " pool=tiny munge="
                        + Base64.getEncoder().encodeToString(mungeKey) + "\n");

        assertThat(read(console)).doesNotContain("ES-MARKER dhcp");

        Machine again = backend.ensureRunning(new MachineRequest(node, "tiny", "op-2"));
        assertThat(again.backendId()).isEqualTo(machine.backendId());
        assertThat(hypervisor.domains()).filteredOn(d -> d.name().equals(node)).hasSize(1);
        assertThat(backend.list()).as("the static address of a machine without interface, found by its planned MAC")
                .contains(new Machine(node, "tiny", node + "@" + URI, "op-1", true, Optional.of(address)));

        long t1 = System.nanoTime();
        backend.release(node, "tiny");
        Duration remove = Duration.ofNanos(System.nanoTime() - t1);

        assertThat(hypervisor.domain(node)).isEmpty();
        assertThat(hypervisor.volume(tag, node + ".qcow2")).isEmpty();
        assertThat(hypervisor.volume(tag, node + "-seed.iso")).isEmpty();
        try (Free<StoragePool> p = new Free<>(admin.storagePoolLookupByName(tag), StoragePool::free)) {
            p.value().refresh(0);
            assertThat(p.value().listVolumes()).containsExactly("base.qcow2");
        }
        try (var files = Files.list(dir.resolve("pool"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("base.qcow2");
        }
        figure("create (clone + seed + define + start)", create, node);
        figure("boot to marker under " + domainType, bootToMarker, node);
        figure("remove (destroy + undefine + delete volumes)", remove, node);
    }

    @Test
    void ethernetGuestIsStartedPausedItsTapMovedIntoTheLabAndItLeasesItsReservedAddress() throws Exception {
        String node = tag + "x1";
        Path console = dir.resolve(node + ".console.log");
        ProcessBuilder up = new ProcessBuilder(NETLAB.toString(), "up", "--hosts", dir.resolve("lab.hosts").toString())
                .inheritIO();
        up.environment().put("ESL_NETNS", tag);
        labUp = true;
        assertThat(up.start().waitFor()).as("netlab up in namespace " + tag).isZero();

        long t0 = System.nanoTime();
        Machine machine = backend.ensureRunning(new MachineRequest(node, "tinyeth", "op-1"));
        Duration create = Duration.ofNanos(System.nanoTime() - t0);
        String tap = TapNamePlan.candidate("esl", "tinyeth", node, 0);

        assertThat(machine.notes()).singleElement().asString().contains("attach-command", tap, "exited with status 0",
                "domstate=paused");
        assertThat(machine.address()).contains(labAddress);
        try (Free<org.libvirt.Domain> d = new Free<>(admin.domainLookupByName(node), org.libvirt.Domain::free)) {
            assertThat(d.value().getInfo().state).isEqualTo(org.libvirt.DomainInfo.DomainState.VIR_DOMAIN_RUNNING);
            assertThat(d.value().getXMLDesc(0)).contains("<interface type='ethernet'>", "<mac address='" + labMac
                    + "'/>", "<target dev='" + tap + "'");
        }
        awaitConsole(console, "ES-MARKER dhcp ip=" + labAddress,
                "tiny guest " + node + " leases " + labAddress + " from the lab's dnsmasq");
        Duration bootToLease = Duration.ofNanos(System.nanoTime() - t0).minus(create);
        Process link = new ProcessBuilder("/usr/sbin/ip", "-o", "link", "show", tap).redirectErrorStream(true).start();
        assertThat(new String(link.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .as("the tap left the host's namespace").contains("does not exist");
        link.waitFor();

        backend.release(node, "tinyeth");
        assertThat(hypervisor.domain(node)).isEmpty();
        figure("create ethernet guest (paused start + adopt-tap + resume)", create, node);
        figure("resume to DHCP lease in the lab under " + domainType, bootToLease, node);
    }

    @Test
    void existingGuestStartsAndShutsDownGracefullyOnTheAcpiPowerButton() throws Exception {
        String node = tag + "e1";
        Path console = defineExisting(node, CMDLINE);

        long t0 = System.nanoTime();
        Machine machine = backend.ensureRunning(new MachineRequest(node, "static-" + node, "op-1"));
        Duration start = Duration.ofNanos(System.nanoTime() - t0);
        awaitConsole(console, TinyGuest.READY, "existing guest " + node + " ready");
        Duration bootToMarker = Duration.ofNanos(System.nanoTime() - t0).minus(start);

        assertThat(machine.running()).isTrue();
        long t1 = System.nanoTime();
        backend.release(node, "static-" + node);
        Duration shutdown = Duration.ofNanos(System.nanoTime() - t1);

        DomainSummary d = hypervisor.domain(node).orElseThrow();
        assertThat(d.state()).isEqualTo(DomainState.SHUT_OFF);
        assertThat(d.metadata()).hasValueSatisfying(m -> {
            assertThat(m.origin()).isEqualTo(MachineOrigin.EXISTING);
            assertThat(m.node()).isEqualTo(node);
        });
        assertThat(read(console)).contains("ES-MARKER acpi-listening", "ES-MARKER power-button");
        assertThat(shutdown).as("graceful, well within the grace").isLessThan(Duration.ofSeconds(60));
        figure("start existing domain", start, node);
        figure("boot to marker under " + domainType, bootToMarker, node);
        figure("graceful ACPI shutdown", shutdown, node);
    }

    @Test
    void existingGuestThatIgnoresAcpiIsDestroyedWhenTheGraceRunsOut() throws Exception {
        String node = tag + "e2";
        Path console = defineExisting(node, CMDLINE + " es.acpi=ignore");
        backend.ensureRunning(new MachineRequest(node, "static-" + node, "op-1"));
        awaitConsole(console, TinyGuest.READY, "guest " + node + " ready, ignoring ACPI");
        assertThat(read(console)).contains("ES-MARKER acpi-ignored");

        long t1 = System.nanoTime();
        backend.release(node, "static-" + node);
        Duration shutdown = Duration.ofNanos(System.nanoTime() - t1);

        assertThat(hypervisor.domain(node).orElseThrow().state()).isEqualTo(DomainState.SHUT_OFF);
        assertThat(shutdown).isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThan(Duration.ofSeconds(30));
        assertThat(read(console)).doesNotContain("ES-MARKER power-button");
        figure("shutdown ignored, destroyed after 4 s grace", shutdown, node);
    }

    @Test
    void defineStartDestroyUndefineLatencies() {
        String name = tag + "lat";
        int rounds = 5;
        long[][] nanos = new long[4][rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            hypervisor.define(new DomainSpec(name, domainType, "x86_64", 128, 1, Optional.of(boot(CMDLINE)), List.of(),
                    Optional.empty(), Optional.empty(), false, Optional.empty()));
            long t1 = System.nanoTime();
            hypervisor.start(name);
            long t2 = System.nanoTime();
            assertThat(hypervisor.destroy(name)).isTrue();
            long t3 = System.nanoTime();
            assertThat(hypervisor.undefine(name)).isTrue();
            long t4 = System.nanoTime();
            nanos[0][i] = t1 - t0;
            nanos[1][i] = t2 - t1;
            nanos[2][i] = t3 - t2;
            nanos[3][i] = t4 - t3;
        }
        String[] names = {"define", "start", "destroy", "undefine"};
        for (int k = 0; k < 4; k++) {
            long[] sorted = nanos[k].clone();
            java.util.Arrays.sort(sorted);
            figure(names[k] + " (median of " + rounds + ")", Duration.ofNanos(sorted[rounds / 2]),
                    "min " + sorted[0] / 1_000_000 + " ms, max " + sorted[rounds - 1] / 1_000_000 + " ms");
        }
        assertThat(hypervisor.domain(name)).isEmpty();
    }

    private Path defineExisting(String name, String cmdline) {
        Path console = dir.resolve(name + ".console.log");
        hypervisor.define(new DomainSpec(name, domainType, "x86_64", 256, 1, Optional.of(boot(cmdline)), List.of(),
                Optional.empty(), Optional.of(console.toString()), false, Optional.empty()));
        return console;
    }

    /**
     * Waits for a console line while the domain runs. Fails at once when the domain stops or disappears before
     * the line appears (a guest that is gone prints nothing more: waiting out the bound would only hide why), and
     * when the bound runs out; the failure carries the domain's state and the console.
     */
    private void awaitConsole(Path console, String marker, String alias) throws IOException {
        String name = console.getFileName().toString().replace(".console.log", "");
        try {
            await(alias).atMost(BOOT_BOUND).pollInterval(Duration.ofMillis(100))
                    .until(() -> read(console).contains(marker) || !stateOf(name).active());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(alias + ": no '" + marker + "' within " + BOOT_BOUND + "; domain "
                    + describeState(name) + "; console:\n" + read(console), e);
        }
        if (!read(console).contains(marker)) {
            throw new AssertionError(alias + ": domain " + name + " is " + describeState(name) + " and printed no '"
                    + marker + "' (stopped or removed by something other than this test?); console:\n"
                    + read(console));
        }
    }

    private DomainState stateOf(String name) {
        return hypervisor.domain(name).map(DomainSummary::state).orElse(DomainState.SHUT_OFF);
    }

    private String describeState(String name) {
        return hypervisor.domain(name).map(d -> d.state().name()).orElse("absent (undefined)");
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r", "") : "";
    }

    private static void figure(String what, Duration d, String detail) {
        System.out.printf("FIGURE %-50s %8d ms  (%s)%n", what, d.toMillis(), detail);
    }

    /** Frees a libvirt-java object of the test's own setup. */
    private record Free<T>(T value, Handle.Freer<T> freer) implements AutoCloseable {
        @Override
        public void close() throws LibvirtException {
            freer.free(value);
        }
    }
}
