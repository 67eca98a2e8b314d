package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineListing;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hosts on libvirt's test driver, one of which stops answering (its libvirtd stopped). */
@RequiresLibvirtLibrary
class HostDownPlacementTest {
    @TempDir
    Path dir;

    private TestDriverHosts fleet;

    @BeforeEach
    void hosts() throws IOException {
        fleet = new TestDriverHosts(dir);
    }

    @AfterEach
    void close() {
        fleet.close();
    }

    private LibvirtHypervisor host(String name) {
        return fleet.host(name);
    }

    private CreatePoolSpec pool(String name, List<String> nodes, Optional<String> uri) {
        return fleet.createPool(name, nodes, uri);
    }

    private LibvirtBackend backend(MutableClock clock, List<Hypervisor> hosts, PoolSpec... pools) {
        return fleet.backend(clock, hosts, pools);
    }

    /** The first host, a second one that can fall silent, and the clock of the backends made on them. */
    private final class TwoHosts {
        final LibvirtHypervisor first = host("first");
        final AtomicBoolean secondDown = new AtomicBoolean();
        final Hypervisor second = TestDriverHosts.switchable(host("second"), secondDown);
        final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));

        LibvirtBackend backend(PoolSpec... pools) {
            return HostDownPlacementTest.this.backend(clock, List.of(first, second), pools);
        }

        /** A backend with the pool "spread" of test1 and test2 over both hosts. */
        LibvirtBackend spreadBackend() {
            return backend(pool("spread", List.of("test1", "test2"), Optional.empty()));
        }

        /** The second host stops answering, and the time passes the capacity snapshot's refresh. */
        void secondFallsSilent() {
            secondDown.set(true);
            clock.advance(Duration.ofSeconds(5));
        }

        /** test2's resume fails with the silent host's error, and no machine for it is made on the first host. */
        void assertTest2IsNotCreatedAgainOnTheFirst(LibvirtBackend backend) {
            assertThatThrownBy(() -> backend.ensureRunning(new MachineRequest("test2", "spread", "op-3")))
                    .isInstanceOf(BackendException.class).hasMessageContaining("Connection refused");
            assertThat(first.domain("test2")).isEmpty();
        }
    }

    @Test
    void aHostThatStopsAnsweringFailsOnlyTheNodesPinnedToItAndNewMachinesGoToTheOther() {
        TwoHosts hosts = new TwoHosts();
        LibvirtBackend backend = hosts.backend(pool("spread", List.of("test1", "test2", "test4"), Optional.empty()),
                pool("pinned", List.of("test3"), Optional.of(hosts.second.uri())));
        String placed1 = backend.ensureRunning(new MachineRequest("test1", "spread", "op-1")).backendId();
        String placed2 = backend.ensureRunning(new MachineRequest("test2", "spread", "op-2")).backendId();
        assertThat(List.of(placed1, placed2)).as("one machine on each host")
                .containsExactlyInAnyOrder("test1@" + hosts.first.uri(), "test2@" + hosts.second.uri());

        hosts.secondFallsSilent();

        assertThatThrownBy(() -> backend.ensureRunning(new MachineRequest("test3", "pinned", "op-3")))
                .isInstanceOf(BackendException.class).hasMessageContaining("Connection refused");
        assertThat(backend.ensureRunning(new MachineRequest("test4", "spread", "op-4")).backendId())
                .isEqualTo("test4@" + hosts.first.uri());
    }

    @Test
    void aNodeWhoseMachineWasListedOnTheSilentHostIsNotCreatedAgainElsewhere() {
        TwoHosts hosts = new TwoHosts();
        LibvirtBackend backend = hosts.spreadBackend();
        backend.ensureRunning(new MachineRequest("test1", "spread", "op-1"));
        backend.ensureRunning(new MachineRequest("test2", "spread", "op-2"));
        hosts.clock.advance(Duration.ofSeconds(5));
        backend.capacity(); // a listing of the second host that shows test2's domain there

        hosts.secondFallsSilent();

        hosts.assertTest2IsNotCreatedAgainOnTheFirst(backend);
    }

    @Test
    void aNodePlacedOnAHostAfterItsLastListingIsNotCreatedAgainElsewhereWhenThatHostFallsSilent() {
        TwoHosts hosts = new TwoHosts();
        LibvirtBackend backend = hosts.spreadBackend();
        backend.ensureRunning(new MachineRequest("test1", "spread", "op-1"));
        hosts.clock.advance(Duration.ofSeconds(5)); // the placement of test2 lists both hosts, neither has test2
        assertThat(backend.ensureRunning(new MachineRequest("test2", "spread", "op-2")).backendId())
                .isEqualTo("test2@" + hosts.second.uri());

        hosts.secondFallsSilent();

        hosts.assertTest2IsNotCreatedAgainOnTheFirst(backend);
    }

    @Test
    void aNodeWhoseMachineWasReleasedFromTheSilentHostIsCreatedOnAHostThatAnswers() {
        TwoHosts hosts = new TwoHosts();
        LibvirtBackend backend = hosts.spreadBackend();
        backend.ensureRunning(new MachineRequest("test1", "spread", "op-1"));
        assertThat(backend.ensureRunning(new MachineRequest("test2", "spread", "op-2")).backendId())
                .isEqualTo("test2@" + hosts.second.uri());
        hosts.clock.advance(Duration.ofSeconds(5));
        backend.capacity(); // a listing of the second host that shows test2's domain there
        backend.release("test2", "spread");

        hosts.secondFallsSilent();

        assertThat(backend.ensureRunning(new MachineRequest("test2", "spread", "op-3")).backendId())
                .isEqualTo("test2@" + hosts.first.uri());
    }

    @Test
    void aNewServiceFindsTheMachinesOnBothHosts() {
        LibvirtHypervisor first = host("first");
        LibvirtHypervisor second = host("second");
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        PoolSpec spread = pool("spread", List.of("test1", "test2"), Optional.empty());
        LibvirtBackend before = backend(clock, List.of(first, second), spread);
        before.ensureRunning(new MachineRequest("test1", "spread", "op-1"));
        before.ensureRunning(new MachineRequest("test2", "spread", "op-2"));

        LibvirtBackend after = backend(clock, List.of(first, second), spread);

        assertThat(after.list()).extracting(Machine::backendId)
                .containsExactlyInAnyOrder("test1@" + first.uri(), "test2@" + second.uri());
    }
    @Test
    void aNewServiceWithOneSilentHostListsTheOtherHostsMachinesAndNamesTheNodesThatMayBeOnTheSilentOne() {
        AtomicBoolean firstDown = new AtomicBoolean();
        AtomicBoolean secondDown = new AtomicBoolean();
        Hypervisor first = TestDriverHosts.switchable(host("first"), firstDown);
        Hypervisor second = TestDriverHosts.switchable(host("second"), secondDown);
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        PoolSpec spread = pool("spread", List.of("test1", "test2"), Optional.empty());
        PoolSpec pinned = pool("pinned", List.of("test3", "test4"), Optional.of(first.uri()));
        LibvirtBackend before = backend(clock, List.of(first, second), spread, pinned);
        assertThat(before.ensureRunning(new MachineRequest("test1", "spread", "op-1")).backendId())
                .isEqualTo("test1@" + first.uri());
        assertThat(before.ensureRunning(new MachineRequest("test2", "spread", "op-2")).backendId())
                .isEqualTo("test2@" + second.uri());
        before.ensureRunning(new MachineRequest("test3", "pinned", "op-3"));

        secondDown.set(true);
        LibvirtBackend after = backend(clock, List.of(first, second), spread, pinned);
        MachineListing listing = after.listing();

        assertThat(listing.machines()).extracting(Machine::backendId)
                .containsExactlyInAnyOrder("test1@" + first.uri(), "test3@" + first.uri());
        assertThat(listing.unknown()).as("test1 was found; the pinned pool never uses the silent host")
                .containsOnlyKeys("test2");
        assertThat(listing.unknown().get("test2")).contains(second.uri()).contains("Connection refused");
        assertThatThrownBy(after::list).isInstanceOf(BackendException.class).hasMessageContaining(second.uri());

        firstDown.set(true);
        assertThatThrownBy(after::listing).isInstanceOf(BackendException.class)
                .hasMessageContaining("no hypervisor host answers");
    }
}
