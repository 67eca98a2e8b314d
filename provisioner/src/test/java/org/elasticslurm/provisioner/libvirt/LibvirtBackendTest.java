package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libvirt backend on libvirt's test driver: one private test host per test (node files). */
@RequiresLibvirtLibrary
class LibvirtBackendTest {
    private static final String OWNER = TestDriverHosts.OWNER;
    @TempDir
    Path dir;

    private Path seeds;
    private TestDriverHosts fleet;

    @BeforeEach
    void hosts() throws IOException {
        fleet = new TestDriverHosts(dir);
        seeds = fleet.seeds;
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    private LibvirtHypervisor host(String name, int cpus, int memoryMiB) {
        return fleet.host(name, cpus, memoryMiB);
    }

    private LibvirtSettings settings(List<Hypervisor> hosts, Path genisoimage) {
        return fleet.settings(hosts, genisoimage, OWNER);
    }

    private LibvirtSettings settings(List<Hypervisor> hosts, Path genisoimage, String owner) {
        return fleet.settings(hosts, genisoimage, owner);
    }

    private CreatePoolSpec createPool(String name, List<String> nodes, Optional<String> uri, int memoryMiB,
                                      StaticAddressMap addresses) {
        return fleet.createPool(name, nodes, uri, memoryMiB, addresses);
    }

    private LibvirtBackend backend(List<Hypervisor> hosts, PoolSpec... pools) {
        return fleet.backend(Clock.systemUTC(), hosts, pools);
    }

    private static MachineRequest resume(String node, String pool, String operation) {
        return new MachineRequest(node, pool, operation);
    }

    @Test
    void createdMachineRunsWithOurMetadataItsMacAnOverlayAndASeed() throws IOException {
        LibvirtHypervisor h = host("h1", 4, 8192);
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1"), Optional.empty(), 1024,
                StaticAddressMap.empty()));

        Machine m = backend.ensureRunning(resume("test1", "cloud", "op-1"));

        assertThat(m).isEqualTo(new Machine("test1", "cloud", "test1@" + h.uri(), "op-1", true, Optional.empty()));
        DomainSummary d = h.domain("test1").orElseThrow();
        assertThat(d.state()).isEqualTo(DomainState.RUNNING);
        assertThat(d.macs()).containsExactly(MacAddressPlan.candidate("52:54:00", "cloud", "test1", 0));
        assertThat(d.metadata()).contains(new DomainMetadata("test1", "cloud", "op-1", MachineOrigin.CREATED,
                List.of(new VolumeRef("images", "test1.qcow2")),
                Optional.of(seeds.resolve("test1-seed.iso").toString()), Optional.of(OWNER)));
        assertThat(h.volume("images", "test1.qcow2")).hasValueSatisfying(v -> assertThat(v.format()).isEqualTo("qcow2"));
        byte[] iso = Files.readAllBytes(seeds.resolve("test1-seed.iso"));
        assertThat(new String(iso, 0x8001, 5, StandardCharsets.US_ASCII)).isEqualTo("CD001");
        assertThat(new String(iso, 0x8028, 6, StandardCharsets.US_ASCII)).isEqualTo("cidata");
    }

    @Test
    void secondResumeReturnsTheSameMachineAndCreatesNothing() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1"), Optional.empty(), 1024,
                StaticAddressMap.empty()));
        Machine first = backend.ensureRunning(resume("test1", "cloud", "op-1"));
        int domains = h.domains().size();

        Machine second = backend.ensureRunning(resume("test1", "cloud", "op-2"));

        assertThat(second.backendId()).isEqualTo(first.backendId());
        assertThat(second.operationId()).as("the operation that created it").isEqualTo("op-1");
        assertThat(h.domains()).hasSize(domains);
    }

    @Test
    void resumeStartsACreatedDomainFoundStopped() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1"), Optional.empty(), 1024,
                StaticAddressMap.empty()));
        backend.ensureRunning(resume("test1", "cloud", "op-1"));
        h.destroy("test1");

        assertThat(backend.ensureRunning(resume("test1", "cloud", "op-2")).running()).isTrue();
        assertThat(h.domain("test1").orElseThrow().state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void suspendRemovesDomainOverlayAndSeedAndCanBeRepeated() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1"), Optional.empty(), 1024,
                StaticAddressMap.empty()));
        backend.ensureRunning(resume("test1", "cloud", "op-1"));

        backend.release("test1", "cloud");
        backend.release("test1", "cloud");

        assertThat(h.domain("test1")).isEmpty();
        assertThat(h.volume("images", "test1.qcow2")).isEmpty();
        assertThat(seeds.resolve("test1-seed.iso")).doesNotExist();
        assertThat(backend.list()).isEmpty();
    }

    @Test
    void suspendCleansUpAfterACreationInterruptedBeforeTheDefinition() throws IOException {
        LibvirtHypervisor h = host("h1", 4, 8192);
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1"), Optional.empty(), 1024,
                StaticAddressMap.empty()));
        h.cloneOverlay("images", "base.qcow2", "test1.qcow2");
        Files.write(seeds.resolve("test1-seed.iso"), new byte[] {1});

        backend.release("test1", "cloud");

        assertThat(h.volume("images", "test1.qcow2")).isEmpty();
        assertThat(seeds.resolve("test1-seed.iso")).doesNotExist();
    }

    @Test
    void aDomainOfTheNodesNameThatThePoolDidNotCreateIsNeitherUsedNorRemoved() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        h.define(new DomainSpec("test1", "test", "i686", 128, 1, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), false, Optional.empty()));
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1"), Optional.empty(), 1024,
                StaticAddressMap.empty()));

        assertThatThrownBy(() -> backend.ensureRunning(resume("test1", "cloud", "op-1")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("domain test1 on " + h.uri() + " exists but was not created by pool cloud")
                .satisfies(e -> assertThat(((BackendException) e).isTransient()).isFalse());
        backend.release("test1", "cloud");

        assertThat(h.domain("test1")).isPresent();
    }

    @Test
    void aMacAlreadyUsedByAnotherDomainIsRefusedNamingIt() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        String planned = MacAddressPlan.candidate("52:54:00", "cloud", "test1", 0);
        h.define(new DomainSpec("someone-else", "test", "i686", 128, 1, Optional.empty(), List.of(),
                Optional.of(new DomainSpec.Nic(planned, false, "lab")), Optional.empty(), false, Optional.empty()));
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1"), Optional.empty(), 1024,
                StaticAddressMap.empty()));

        assertThatThrownBy(() -> backend.ensureRunning(resume("test1", "cloud", "op-1")))
                .hasMessageContaining("MAC " + planned + " of node test1 is already used by domain someone-else@");
        assertThat(h.volume("images", "test1.qcow2")).isEmpty();
    }

    @Test
    void aFailedCreationLeavesNothingBehind() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        LibvirtBackend backend = LibvirtBackend.create(settings(List.of(h), Path.of("/nonexistent/genisoimage")),
                List.of(createPool("cloud", List.of("test1"), Optional.empty(), 1024, StaticAddressMap.empty())),
                Clock.systemUTC(), List.of(h));

        assertThatThrownBy(() -> backend.ensureRunning(resume("test1", "cloud", "op-1")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("seed of test1")
                .hasMessageContaining("/nonexistent/genisoimage");

        assertThat(h.volume("images", "test1.qcow2")).isEmpty();
        assertThat(h.domain("test1")).isEmpty();
    }

    @Test
    void aNewBackendFindsTheMachinesOfAnEarlierOneThroughTheirMetadata() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        CreatePoolSpec pool = createPool("cloud", List.of("test1", "test2"), Optional.empty(), 1024,
                StaticAddressMap.empty());
        LibvirtBackend before = backend(List.of(h), pool);
        before.ensureRunning(resume("test1", "cloud", "op-1"));
        before.ensureRunning(resume("test2", "cloud", "op-2"));
        h.destroy("test2");

        LibvirtBackend after = backend(List.of(h), pool);

        assertThat(after.list()).containsExactlyInAnyOrder(
                new Machine("test1", "cloud", "test1@" + h.uri(), "op-1", true, Optional.empty()),
                new Machine("test2", "cloud", "test2@" + h.uri(), "op-2", false, Optional.empty()));
        assertThat(after.list()).noneMatch(m -> m.backendId().startsWith("test@")); // the driver's own domain
    }

    @Test
    void machinesOfAPoolNoLongerConfiguredAreListedAndCanBeReleased() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        backend(List.of(h), createPool("old", List.of("test3"), Optional.empty(), 1024, StaticAddressMap.empty()))
                .ensureRunning(resume("test3", "old", "op-1"));
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1"), Optional.empty(), 1024,
                StaticAddressMap.empty()));

        assertThat(backend.list()).extracting(Machine::node, Machine::pool).containsExactly(
                org.assertj.core.groups.Tuple.tuple("test3", "old"));
        backend.release("test3", "old");

        assertThat(h.domain("test3")).isEmpty();
        assertThat(h.volume("images", "test3.qcow2")).isEmpty();
        assertThat(seeds.resolve("test3-seed.iso")).doesNotExist();
    }

    @Test
    void newMachinesGoWhereThereIsMostRoom() {
        LibvirtHypervisor small = host("small", 2, 4096);
        LibvirtHypervisor big = host("big", 8, 8192);
        LibvirtBackend backend = backend(List.of(small, big), createPool("cloud",
                List.of("test1", "test2", "test3", "test4"), Optional.empty(), 2048, StaticAddressMap.empty()));

        List<String> placed = new ArrayList<>();
        for (String node : List.of("test1", "test2", "test3", "test4")) {
            String id = backend.ensureRunning(resume(node, "cloud", "op-" + node)).backendId();
            placed.add(id.substring(id.indexOf('@') + 1));
        }

        // big has 8 GiB, small 4 GiB; ties in memory go to the host with more free vCPUs
        assertThat(placed).containsExactly(big.uri(), big.uri(), big.uri(), small.uri());
        assertThat(backend.capacity()).extracting(HostCapacity::uri, HostCapacity::allocatedVcpus,
                HostCapacity::memoryHeadroomKiB).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(small.uri(), 1, 2048L * 1024),
                org.assertj.core.groups.Tuple.tuple(big.uri(), 3, 2048L * 1024));
    }

    @Test
    void aPoolPinnedToAHostStaysThere() {
        LibvirtHypervisor small = host("small", 2, 4096);
        LibvirtHypervisor big = host("big", 8, 8192);
        LibvirtBackend backend = backend(List.of(small, big), createPool("cloud", List.of("test1"),
                Optional.of(small.uri()), 2048, StaticAddressMap.empty()));

        assertThat(backend.ensureRunning(resume("test1", "cloud", "op-1")).backendId()).endsWith("@" + small.uri());
        assertThat(big.domain("test1")).isEmpty();
    }

    @Test
    void addressComesFromTheStaticMapAtOnceOrFromTheNetworksLeases() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        String mac1 = MacAddressPlan.candidate("52:54:00", "cloud", "test1", 0);
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1", "test2"), Optional.empty(),
                1024, StaticAddressMap.of(Map.of(mac1, "10.77.0.11"), Optional.empty())));

        assertThat(backend.address("test1")).isEmpty(); // no machine yet
        assertThat(backend.ensureRunning(resume("test1", "cloud", "op-1")).address()).contains("10.77.0.11");
        assertThat(backend.address("test1")).contains("10.77.0.11");
        backend.ensureRunning(resume("test2", "cloud", "op-2"));
        // the test driver hands out leases from the lab network's DHCP range
        assertThat(backend.address("test2")).hasValueSatisfying(a -> assertThat(a).startsWith("10.77.0."));
    }

    @Test
    void requestsForNodesOutsideThePoolAreRefused() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        LibvirtBackend backend = backend(List.of(h), createPool("cloud", List.of("test1"), Optional.empty(), 1024,
                StaticAddressMap.empty()));

        assertThatThrownBy(() -> backend.ensureRunning(resume("test9", "cloud", "op-1")))
                .hasMessageContaining("node test9 is not in pool cloud");
        assertThatThrownBy(() -> backend.ensureRunning(resume("test1", "gpu", "op-1")))
                .hasMessageContaining("pool gpu is not a libvirt pool [cloud]");
        assertThatThrownBy(() -> backend.address("test9")).hasMessageContaining("node test9 is in no libvirt pool");
    }

    @Test
    void staticNetworkConfigNeedsAnAddressForEveryNode() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        CreatePoolSpec p = createPool("cloud", List.of("test1", "test2"), Optional.empty(), 1024,
                StaticAddressMap.of(Map.of(MacAddressPlan.candidate("52:54:00", "cloud", "test1", 0), "10.77.0.11"),
                        Optional.empty()));
        CreatePoolSpec staticPool = new CreatePoolSpec(p.name(), p.nodes(), p.uri(), p.domainTemplate(),
                p.storagePool(), p.baseImage(), p.memoryMiB(), p.vcpus(), p.domainType(), p.boot(), p.network(),
                p.macPrefix(), new CreatePoolSpec.Seed(Optional.empty(), dir.resolve("munge.key"), Map.of(),
                CreatePoolSpec.NetworkConfigMode.STATIC, 24, Optional.empty(), List.of(), CreatePoolSpec.SeedBus.SCSI,
                Optional.of(seeds)), p.staticAddresses(), false, Optional.empty());

        assertThatThrownBy(() -> backend(List.of(h), staticPool))
                .hasMessageContaining("provisioner.pools.cloud.network-config=static needs a static address")
                .hasMessageContaining("missing: [test2 (" + MacAddressPlan.candidate("52:54:00", "cloud", "test2", 0));
    }

    // ---- mode existing ----

    private static ExistingPoolSpec existingPool(Duration grace) {
        return new ExistingPoolSpec("static", List.of("test1", "test2"), Optional.empty(), "vm-{node}", grace,
                StaticAddressMap.empty(), false);
    }

    private static void defineExisting(Hypervisor h, String name, Optional<DomainMetadata> metadata) {
        h.define(new DomainSpec(name, "test", "i686", 256, 1, Optional.empty(), List.of(),
                Optional.of(new DomainSpec.Nic("52:54:00:11:22:33", false, "lab")), Optional.empty(), false,
                metadata));
    }

    @Test
    void resumeStartsTheNodesDomainAndRecordsOurMetadataInIt() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        defineExisting(h, "vm-test1", Optional.empty());
        LibvirtBackend backend = backend(List.of(h), existingPool(Duration.ofSeconds(30)));

        Machine m = backend.ensureRunning(resume("test1", "static", "op-5"));

        assertThat(m).isEqualTo(new Machine("test1", "static", "vm-test1@" + h.uri(), "op-5", true, Optional.empty()));
        assertThat(h.domain("vm-test1").orElseThrow().metadata()).contains(new DomainMetadata("test1", "static",
                "op-5", MachineOrigin.EXISTING, List.of(), Optional.empty(), Optional.of(OWNER)));
        assertThat(backend.address("test1")).hasValueSatisfying(a -> assertThat(a).startsWith("10.77.0."));
        assertThat(backend.list()).containsExactly(m);
    }

    @Test
    void suspendShutsTheDomainDownAndKeepsItsDefinition() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        defineExisting(h, "vm-test1", Optional.empty());
        LibvirtBackend backend = backend(List.of(h), existingPool(Duration.ofSeconds(30)));
        backend.ensureRunning(resume("test1", "static", "op-5"));

        backend.release("test1", "static");
        backend.release("test1", "static");

        DomainSummary d = h.domain("vm-test1").orElseThrow();
        assertThat(d.state()).isEqualTo(DomainState.SHUT_OFF);
        assertThat(backend.list()).extracting(Machine::running).containsExactly(false);
    }

    @Test
    void aDomainCarryingOurMetadataForTheNodeIsFoundWhateverItsName() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        defineExisting(h, "legacy-name", Optional.of(new DomainMetadata("test2", "static", "", MachineOrigin.EXISTING,
                List.of(), Optional.empty())));
        LibvirtBackend backend = backend(List.of(h), existingPool(Duration.ofSeconds(30)));

        assertThat(backend.ensureRunning(resume("test2", "static", "op-1")).backendId())
                .isEqualTo("legacy-name@" + h.uri());
    }

    @Test
    void aNodeWithoutDomainIsAPermanentErrorSayingWhereItLooked() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        LibvirtBackend backend = backend(List.of(h), existingPool(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> backend.ensureRunning(resume("test1", "static", "op-1")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("no domain for node test1 of pool static: none named 'vm-test1' and none carrying"
                        + " our metadata for it on [" + h.uri() + "]")
                .satisfies(e -> assertThat(((BackendException) e).isTransient()).isFalse());
    }

    @Test
    void aGuestIgnoringTheShutdownRequestIsDestroyedWhenTheGraceRunsOut() {
        LibvirtHypervisor h = host("h1", 4, 8192);
        defineExisting(h, "vm-test1", Optional.empty());
        Hypervisor deafGuest = new AcpiIgnoringHost(h);
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        List<Duration> waits = new ArrayList<>();
        ExistingMachines machines = new ExistingMachines(existingPool(Duration.ofSeconds(5)),
                new Fleet(List.of(deafGuest), clock, Duration.ofSeconds(2)), clock, d -> {
            waits.add(d);
            clock.advance(d);
        }, new TapAttacher(new org.elasticslurm.provisioner.process.SupervisedProcess(clock)), OWNER);
        machines.ensureRunning(resume("test1", "static", "op-1"));

        machines.release("test1");

        assertThat(h.domain("vm-test1").orElseThrow().state()).isEqualTo(DomainState.SHUT_OFF);
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(5));
    }
}
