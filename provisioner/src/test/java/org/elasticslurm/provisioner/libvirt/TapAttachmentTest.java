package org.elasticslurm.provisioner.libvirt;

import org.elasticslurm.testsupport.TestDriverHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interfaces of type ethernet connected by an attach command while the domain is paused, MACs from reservations
 * and static addresses of machines without interface, on libvirt's test driver with real commands.
 */
@RequiresLibvirtLibrary
class TapAttachmentTest {
    @TempDir
    Path dir;

    private Path seeds;
    private Path trace;
    private final List<LibvirtHypervisor> opened = new ArrayList<>();

    @BeforeEach
    void files() throws IOException {
        seeds = Files.createDirectories(dir.resolve("seeds"));
        trace = dir.resolve("attach.trace");
        Files.writeString(dir.resolve("slurm.conf"), "ClusterName=lab\nNodeName=test[1-4] State=CLOUD\n");
        Files.write(dir.resolve("munge.key"), new byte[] {7, 7, 7, 7});
    }

    @AfterEach
    void close() {
        opened.forEach(LibvirtHypervisor::close);
    }

    private LibvirtHypervisor host() {
        LibvirtHypervisor h = LibvirtHypervisor.open(TestDriverHost.withCpus(4).memoryMiB(8192).write(dir, "h1"));
        opened.add(h);
        return h;
    }

    private Path script(String name, String body) throws IOException {
        Path s = dir.resolve(name);
        Files.writeString(s, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    /** Writes its arguments, one per line, to the trace file and says so. */
    private AttachCommand recordingAttach() throws IOException {
        Path s = script("attach.sh", "printf '%s\\n' \"$@\" > '" + trace + "'\necho \"attached $1\"");
        return new AttachCommand(List.of(s.toString(), "{tap}", "{node}", "{domain}", "{mac}", "{pool}"),
                Duration.ofSeconds(20));
    }

    private CreatePoolSpec pool(Optional<CreatePoolSpec.Network> network, StaticAddressMap addresses,
                                Optional<AttachCommand> attach) {
        return new CreatePoolSpec("cloud", List.of("test1", "test2"), Optional.empty(), "vm-{node}", "images",
                "base.qcow2", 512, 1, DomainTypePolicy.AUTO, Optional.empty(), network, "52:54:00",
                new CreatePoolSpec.Seed(Optional.empty(), dir.resolve("munge.key"), Map.of(),
                        CreatePoolSpec.NetworkConfigMode.DHCP, 24, Optional.empty(), List.of(),
                        CreatePoolSpec.SeedBus.SCSI, Optional.of(seeds)), addresses, false, Optional.empty(), attach);
    }

    private LibvirtBackend backend(Hypervisor host, PoolSpec pool) {
        return LibvirtBackend.create(new LibvirtSettings(List.of(host.uri()), Path.of("/usr/bin/qemu-system-x86_64"),
                Duration.ofSeconds(10), Optional.empty(), Path.of("/usr/bin/genisoimage"), Duration.ofSeconds(2), dir,
                dir.resolve("slurm.conf"), LibvirtSettings.SeedWriter.GENISOIMAGE, "lab", Optional.empty()), List.of(pool),
                Clock.systemUTC(), List.of(host));
    }

    @Test
    void anEthernetMachineIsStartedPausedAttachedToItsTapAndOnlyThenResumed() throws IOException {
        LibvirtHypervisor real = host();
        StartRecordingHost h = new StartRecordingHost(real, trace);
        LibvirtBackend backend = backend(h, pool(Optional.of(CreatePoolSpec.Network.ethernet("esl")),
                StaticAddressMap.empty(), Optional.of(recordingAttach())));
        String tap = TapNamePlan.candidate("esl", "cloud", "test1", 0);
        String mac = MacAddressPlan.candidate("52:54:00", "cloud", "test1", 0);

        Machine m = backend.ensureRunning(new MachineRequest("test1", "cloud", "op-1"));

        assertThat(h.events()).containsExactly("startPaused vm-test1 state=SHUT_OFF trace=no",
                "resume vm-test1 state=PAUSED trace=yes");
        assertThat(Files.readAllLines(trace)).containsExactly(tap, "test1", "vm-test1", mac, "cloud");
        assertThat(tap).hasSize(15).startsWith("esl");
        assertThat(real.interfaces("vm-test1")).containsExactly(new DomainInterface("ethernet", mac,
                Optional.of(tap)));
        assertThat(real.domain("vm-test1").orElseThrow().state()).isEqualTo(DomainState.RUNNING);
        assertThat(m.notes()).singleElement().asString().contains("attach-command", "exited with status 0",
                "attached " + tap);

        backend.ensureRunning(new MachineRequest("test1", "cloud", "op-2"));
        assertThat(h.events()).as("a running machine is not attached again").hasSize(2);
    }

    @Test
    void aFailingAttachCommandFailsTheStartAndLeavesNothingBehind() throws IOException {
        LibvirtHypervisor h = host();
        Path failing = script("attach-fails.sh", "echo \"no tap named $1\" >&2\nexit 3");
        LibvirtBackend backend = backend(h, pool(Optional.of(CreatePoolSpec.Network.ethernet("esl")),
                StaticAddressMap.empty(), Optional.of(new AttachCommand(List.of(failing.toString(), "{tap}"),
                        Duration.ofSeconds(20)))));

        assertThatThrownBy(() -> backend.ensureRunning(new MachineRequest("test1", "cloud", "op-1")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("attach-command " + failing + " esl")
                .hasMessageContaining("exited with status 3")
                .hasMessageContaining("no tap named esl")
                .satisfies(e -> assertThat(((BackendException) e).isTransient()).isFalse());

        assertThat(h.domain("vm-test1")).isEmpty();
        assertThat(h.volume("images", "vm-test1.qcow2")).isEmpty();
        assertThat(seeds.resolve("vm-test1-seed.iso")).doesNotExist();
    }

    @Test
    void anAttachCommandThatHangsIsKilledAtItsTimeoutAndTheStartFails() throws IOException {
        LibvirtHypervisor h = host();
        Path hangs = script("attach-hangs.sh", "exec /bin/sleep 600");
        LibvirtBackend backend = backend(h, pool(Optional.of(CreatePoolSpec.Network.ethernet("esl")),
                StaticAddressMap.empty(), Optional.of(new AttachCommand(List.of(hangs.toString()),
                        Duration.ofMillis(300)))));

        assertThatThrownBy(() -> backend.ensureRunning(new MachineRequest("test1", "cloud", "op-1")))
                .hasMessageContaining("did not finish within PT0.3S and was killed with its process group");

        assertThat(h.domain("vm-test1")).isEmpty();
    }

    @Test
    void anExistingDomainIsAttachedToTheTapOfItsLiveDefinition() throws IOException {
        LibvirtHypervisor real = host();
        real.define(new DomainSpec("vm-test1", "test", "i686", 256, 1, Optional.empty(), List.of(),
                Optional.of(new DomainSpec.Nic("52:54:00:77:00:01", DomainSpec.Nic.Kind.ETHERNET, "esl-test1")),
                Optional.empty(), false, Optional.empty()));
        StartRecordingHost h = new StartRecordingHost(real, trace);
        LibvirtBackend backend = backend(h, new ExistingPoolSpec("lab", List.of("test1"), Optional.empty(),
                "vm-{node}", Duration.ofSeconds(30), StaticAddressMap.empty(), false, Optional.of(recordingAttach())));

        Machine m = backend.ensureRunning(new MachineRequest("test1", "lab", "op-1"));

        assertThat(h.events()).containsExactly("startPaused vm-test1 state=SHUT_OFF trace=no",
                "resume vm-test1 state=PAUSED trace=yes");
        assertThat(Files.readAllLines(trace)).containsExactly("esl-test1", "test1", "vm-test1", "52:54:00:77:00:01",
                "lab");
        assertThat(m.notes()).hasSize(1);
        assertThat(real.domain("vm-test1").orElseThrow().state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void anExistingDomainWithoutEthernetInterfaceIsRefusedAndNotLeftRunning() throws IOException {
        LibvirtHypervisor h = host();
        h.define(new DomainSpec("vm-test1", "test", "i686", 256, 1, Optional.empty(), List.of(),
                Optional.of(new DomainSpec.Nic("52:54:00:77:00:01", false, "lab")), Optional.empty(), false,
                Optional.empty()));
        LibvirtBackend backend = backend(h, new ExistingPoolSpec("lab", List.of("test1"), Optional.empty(),
                "vm-{node}", Duration.ofSeconds(30), StaticAddressMap.empty(), false, Optional.of(recordingAttach())));

        assertThatThrownBy(() -> backend.ensureRunning(new MachineRequest("test1", "lab", "op-1")))
                .hasMessageContaining("domain vm-test1 on " + h.uri() + " has no interface of type ethernet")
                .hasMessageContaining("attach-command of pool lab");

        assertThat(h.domain("vm-test1").orElseThrow().state()).isEqualTo(DomainState.SHUT_OFF);
        assertThat(trace).doesNotExist();
    }

    @Test
    void theStaticAddressOfAMachineWithoutInterfaceIsFoundAgainAfterARestart() throws IOException {
        LibvirtHypervisor h = host();
        Path hosts = Files.writeString(dir.resolve("map.hosts"), "52:54:00:77:00:01,10.77.0.11,test1\n");
        CreatePoolSpec pool = pool(Optional.empty(), StaticAddressMap.of(Map.of(), Optional.of(hosts)),
                Optional.empty());
        assertThat(backend(h, pool).ensureRunning(new MachineRequest("test1", "cloud", "op-1")).address())
                .contains("10.77.0.11");

        LibvirtBackend restarted = backend(h, pool(Optional.empty(), StaticAddressMap.of(Map.of(), Optional.of(hosts)),
                Optional.empty()));

        assertThat(h.domain("vm-test1").orElseThrow().macs()).as("no interface").isEmpty();
        assertThat(restarted.address("test1")).contains("10.77.0.11");
        assertThat(restarted.list()).singleElement()
                .satisfies(m -> assertThat(m.address()).contains("10.77.0.11"));
    }

    @Test
    void aReservationAddedWhileTheServiceRunsGivesTheNodeItsMacAndAddress() throws IOException {
        LibvirtHypervisor h = host();
        Path hosts = Files.writeString(dir.resolve("map.hosts"), "52:54:00:77:00:01,10.77.0.11,test1\n");
        LibvirtBackend backend = backend(h, pool(Optional.of(new CreatePoolSpec.Network("lab", false)),
                StaticAddressMap.of(Map.of(), Optional.of(hosts)), Optional.empty()));
        backend.ensureRunning(new MachineRequest("test1", "cloud", "op-1"));

        Path fresh = Files.writeString(dir.resolve("map.hosts.new"),
                "52:54:00:77:00:01,10.77.0.11,test1\n52:54:00:77:00:02,10.77.0.12,test2\n");
        Files.move(fresh, hosts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Machine m = backend.ensureRunning(new MachineRequest("test2", "cloud", "op-2"));

        assertThat(h.domain("vm-test1").orElseThrow().macs()).containsExactly("52:54:00:77:00:01");
        assertThat(h.domain("vm-test2").orElseThrow().macs()).containsExactly("52:54:00:77:00:02");
        assertThat(m.address()).contains("10.77.0.12");
        assertThat(backend.address("test2")).contains("10.77.0.12");
    }
}
