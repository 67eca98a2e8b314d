package org.elasticslurm.provisioner.libvirt;

import org.elasticslurm.testsupport.TestDriverHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.elasticslurm.provisioner.backend.BackendException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter against libvirt's built-in test driver ({@code test:///default}, shared within this JVM). */
@RequiresLibvirtLibrary
class LibvirtHypervisorTest {
    private LibvirtHypervisor hypervisor;
    private final String name = "es-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    @BeforeEach
    void connect() {
        hypervisor = LibvirtHypervisor.open("test:///default");
    }

    @AfterEach
    void cleanUp() {
        hypervisor.destroy(name);
        hypervisor.undefine(name);
        hypervisor.close();
    }

    private static DomainSpec spec(String name, Optional<DomainMetadata> metadata, Optional<DomainSpec.Nic> nic) {
        return new DomainSpec(name, "test", "i686", 256, 2, Optional.empty(),
                List.of(new DomainSpec.Disk("/guest/" + name + ".qcow2", "qcow2", false, "virtio", false)), nic,
                Optional.empty(), false, metadata);
    }

    private static DomainMetadata metadata(String node) {
        return new DomainMetadata(node, "cloud", "op-1", MachineOrigin.CREATED,
                List.of(new VolumeRef("default-pool", node + ".qcow2")), Optional.of("/seeds/" + node + ".iso"));
    }

    @Test
    void definesStartsListsWithMetadataDestroysAndUndefines() {
        DomainSummary defined = hypervisor.define(spec(name, Optional.of(metadata("test1")), Optional.empty()));
        assertThat(defined.state()).isEqualTo(DomainState.SHUT_OFF);
        assertThat(defined.persistent()).isTrue();
        assertThat(defined.metadata()).contains(metadata("test1"));

        hypervisor.start(name);
        hypervisor.start(name); // already running: nothing happens
        assertThat(hypervisor.domain(name).orElseThrow().state()).isEqualTo(DomainState.RUNNING);
        assertThat(hypervisor.domains()).filteredOn(d -> d.name().equals(name)).singleElement()
                .satisfies(d -> {
                    assertThat(d.metadata()).contains(metadata("test1"));
                    assertThat(d.vcpus()).isEqualTo(2);
                    assertThat(d.memoryKiB()).isEqualTo(256 * 1024);
                });

        assertThat(hypervisor.destroy(name)).isTrue();
        assertThat(hypervisor.destroy(name)).as("second destroy finds nothing running").isFalse();
        assertThat(hypervisor.domain(name).orElseThrow().state()).isEqualTo(DomainState.SHUT_OFF);
        assertThat(hypervisor.undefine(name)).isTrue();
        assertThat(hypervisor.undefine(name)).isFalse();
        assertThat(hypervisor.domain(name)).isEmpty();
    }

    @Test
    void domainsWithoutOurMetadataAreListedWithoutIt() {
        hypervisor.define(spec(name, Optional.empty(), Optional.empty()));

        assertThat(hypervisor.domains()).filteredOn(d -> d.name().equals(name)).singleElement()
                .satisfies(d -> assertThat(d.metadata()).isEmpty());
        assertThat(hypervisor.domains()).extracting(DomainSummary::name).contains("test"); // the driver's own
    }

    @Test
    void metadataWrittenIntoAnExistingDomainIsReadBack() {
        hypervisor.define(spec(name, Optional.empty(), Optional.empty()));
        hypervisor.start(name);
        DomainMetadata md = new DomainMetadata("test7", "static", "op-9", MachineOrigin.EXISTING, List.of(),
                Optional.empty());

        hypervisor.setMetadata(name, md);
        hypervisor.setMetadata(name, md.withOperation("op-10"));

        assertThat(hypervisor.domain(name).orElseThrow().metadata()).contains(md.withOperation("op-10"));
    }

    @Test
    void anOwnerWrittenThroughTheMetadataCallIsReadBack() {
        hypervisor.define(spec(name, Optional.empty(), Optional.empty()));
        DomainMetadata md = new DomainMetadata("test7", "static", "op-9", MachineOrigin.EXISTING, List.of(),
                Optional.empty(), Optional.of("cluster-b"));

        hypervisor.setMetadata(name, md);

        assertThat(hypervisor.domain(name).orElseThrow().metadata()).contains(md);
        assertThat(hypervisor.domain(name).orElseThrow().metadata().orElseThrow().ownedBy("cluster-b")).isTrue();
    }

    @Test
    void aDomainStartedPausedRunsOnlyWhenResumed() {
        hypervisor.define(spec(name, Optional.empty(), Optional.empty()));

        hypervisor.startPaused(name);
        hypervisor.startPaused(name); // already active: nothing happens
        assertThat(hypervisor.domain(name).orElseThrow().state()).isEqualTo(DomainState.PAUSED);

        hypervisor.resume(name);
        hypervisor.resume(name); // running: nothing happens
        assertThat(hypervisor.domain(name).orElseThrow().state()).isEqualTo(DomainState.RUNNING);
        assertThatThrownBy(() -> hypervisor.resume("no-such-domain")).hasMessageContaining("no domain named");
    }

    @Test
    void theTapOfAnEthernetInterfaceIsReadFromTheLiveDefinition() {
        hypervisor.define(spec(name, Optional.empty(), Optional.of(new DomainSpec.Nic("52:54:00:0A:0B:0D",
                DomainSpec.Nic.Kind.ETHERNET, "esltap0test"))));
        hypervisor.startPaused(name);

        assertThat(hypervisor.interfaces(name)).containsExactly(
                new DomainInterface("ethernet", "52:54:00:0a:0b:0d", Optional.of("esltap0test")));
    }

    @Test
    void capabilitiesOfferTheTestDomainType() {
        GuestCapabilities caps = hypervisor.capabilities();

        assertThat(caps.hvm()).hasValueSatisfying(g -> assertThat(g.domainTypes()).contains("test"));
        assertThat(hypervisor.resources().cpus()).isEqualTo(16);
    }

    @Test
    void interfaceAddressesCarryTheDomainsMac() {
        hypervisor.define(spec(name, Optional.empty(),
                Optional.of(new DomainSpec.Nic("52:54:00:0a:0b:0c", false, "default"))));
        hypervisor.start(name);

        assertThat(hypervisor.interfaceAddresses(name, AddressSource.LEASE)).singleElement()
                .satisfies(i -> {
                    assertThat(i.mac()).isEqualTo("52:54:00:0a:0b:0c");
                    assertThat(i.addresses()).isNotEmpty().allMatch(a -> a.matches("[0-9.]+/\\d+"));
                });
    }

    @Test
    void overlayVolumesAreClonedFromTheBaseImageAndDeleted() {
        String uri = TestDriverHost.withCpus(4).memoryMiB(4096).write(dir, "host");
        try (LibvirtHypervisor host = LibvirtHypervisor.open(uri)) {
            StorageVolume overlay = host.cloneOverlay("images", "base.qcow2", name + ".qcow2");

            assertThat(overlay.format()).isEqualTo("qcow2");
            assertThat(overlay.capacityBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
            assertThat(host.volume("images", name + ".qcow2")).contains(overlay);
            assertThat(host.deleteVolume("images", name + ".qcow2")).isTrue();
            assertThat(host.deleteVolume("images", name + ".qcow2")).isFalse();
            assertThat(host.deleteVolume("no-such-pool", name + ".qcow2")).isFalse();
            assertThat(host.volume("images", name + ".qcow2")).isEmpty();
        }
    }

    @Test
    void libvirtErrorsBecomeBackendExceptionsNamingWhatFailed() {
        assertThatThrownBy(() -> hypervisor.start("no-such-domain"))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("no domain named 'no-such-domain'")
                .satisfies(e -> assertThat(((BackendException) e).isTransient()).isFalse());

        assertThatThrownBy(() -> hypervisor.dhcpLeases("default"))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("test:///default: reading DHCP leases of network default")
                .hasMessageContaining("not supported")
                .hasMessageContaining("libvirt error " + LibvirtErrors.NO_SUPPORT)
                .satisfies(e -> assertThat(((BackendException) e).isTransient()).isFalse());

        assertThatThrownBy(() -> hypervisor.uploadVolume("default-pool", name + "-seed.iso", new byte[] {1, 2, 3}))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("not supported");
        assertThat(hypervisor.volume("default-pool", name + "-seed.iso")).as("no half-written volume").isEmpty();

        assertThatThrownBy(() -> hypervisor.cloneOverlay("default-pool", "missing-base.qcow2", name + ".qcow2"))
                .hasMessageContaining("base image volume 'missing-base.qcow2' not found in storage pool 'default-pool'");

        hypervisor.define(spec(name, Optional.empty(), Optional.empty()));
        DomainSpec clash = new DomainSpec(name, "test", "i686", 128, 1, Optional.empty(), List.of(), Optional.empty(),
                Optional.empty(), false, Optional.empty());
        assertThatThrownBy(() -> hypervisor.define(clash)).isInstanceOf(BackendException.class)
                .hasMessageContaining("defining domain " + name).hasMessageContaining("already exists");
    }

    @Test
    void aDaemonThatDoesNotAnswerIsATransientFailure() {
        assertThatThrownBy(() -> LibvirtHypervisor.open("qemu:///system?socket=" + dir.resolve("no-daemon.sock")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("cannot connect to qemu:///system")
                .satisfies(e -> assertThat(((BackendException) e).isTransient()).isTrue());
        assertThat(LibvirtHypervisor.lazy("qemu:///system?socket=" + dir.resolve("no-daemon.sock")).reachable())
                .isFalse();
    }
}
