package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * Two provisioner services (owners {@code alpha} and {@code beta}) on one libvirt host: libvirt's
 * {@code test:///default}, whose state every connection of this JVM shares, one connection per service.
 */
@RequiresLibvirtLibrary
class OwnerIsolationTest {
    private static final String URI = "test:///default";
    private static final String STORAGE = "default-pool";

    @TempDir
    Path dir;

    private final String tag = "own" + UUID.randomUUID().toString().substring(0, 8);
    private final String base = tag + "-base.qcow2";
    private final List<LibvirtBackend> backends = new ArrayList<>();
    private LibvirtHypervisor admin;

    @BeforeEach
    void hostWithABaseImage() throws IOException, LibvirtException {
        Files.writeString(dir.resolve("slurm.conf"), TestConf.CLOUD8);
        Files.write(dir.resolve("munge.key"), new byte[] {7, 7, 7, 7});
        Files.createDirectories(dir.resolve("seeds"));
        admin = LibvirtHypervisor.open(URI);
        Connect direct = new Connect(URI); // the port cannot create a plain volume, and the test driver cannot upload
        try {
            direct.storagePoolLookupByName(STORAGE).storageVolCreateXML("<volume><name>" + base + "</name><capacity>"
                    + (1 << 30) + "</capacity><target><format type='qcow2'/></target></volume>", 0).free();
        } finally {
            direct.close();
        }
    }

    @AfterEach
    void removeEverythingOfThisTest() {
        try {
            for (DomainSummary d : admin.domains()) {
                if (d.name().startsWith(tag)) {
                    admin.destroy(d.name());
                    admin.undefine(d.name());
                    admin.deleteVolume(STORAGE, d.name() + ".qcow2");
                }
            }
            admin.deleteVolume(STORAGE, base);
        } finally {
            backends.forEach(LibvirtBackend::close);
            admin.close();
        }
    }

    private CreatePoolSpec createPool(String name, String domainTemplate, List<String> nodes) {
        return new CreatePoolSpec(name, nodes, Optional.empty(), domainTemplate, STORAGE, base, 256, 1,
                DomainTypePolicy.AUTO, Optional.empty(), Optional.empty(), "52:54:00",
                new CreatePoolSpec.Seed(Optional.empty(), dir.resolve("munge.key"), Map.of(),
                        CreatePoolSpec.NetworkConfigMode.NONE, 24, Optional.empty(), List.of(),
                        CreatePoolSpec.SeedBus.SCSI, Optional.of(dir.resolve("seeds"))),
                StaticAddressMap.empty(), false, Optional.empty());
    }

    /** A service of {@code owner} on its own connection to the shared host. */
    private LibvirtBackend service(String owner, PoolSpec... pools) {
        LibvirtSettings settings = new LibvirtSettings(List.of(URI), Path.of("/usr/bin/qemu-system-x86_64"),
                Duration.ofSeconds(10), Optional.empty(), Path.of("/usr/bin/genisoimage"), Duration.ofSeconds(2), dir,
                dir.resolve("slurm.conf"), LibvirtSettings.SeedWriter.BUILTIN, owner, Optional.empty());
        LibvirtBackend backend = LibvirtBackend.create(settings, List.of(pools), Clock.systemUTC(),
                List.of(LibvirtHypervisor.open(URI)));
        backends.add(backend);
        return backend;
    }

    private DomainSummary domain(String name) {
        return admin.domain(name).orElseThrow(() -> new AssertionError("domain " + name + " is gone"));
    }

    @Test
    void eachServiceListsOnlyTheMachinesOfItsOwnOwner() {
        LibvirtBackend alpha = service("alpha", createPool("default", tag + "-a-{node}", List.of("test1", "test2")));
        LibvirtBackend beta = service("beta", createPool("default", tag + "-b-{node}", List.of("test1", "test2")));

        alpha.ensureRunning(new MachineRequest("test1", "default", "op-a1"));
        beta.ensureRunning(new MachineRequest("test2", "default", "op-b2"));

        assertThat(alpha.list()).extracting(Machine::backendId).containsExactly(tag + "-a-test1@" + URI);
        assertThat(beta.list()).extracting(Machine::backendId).containsExactly(tag + "-b-test2@" + URI);
        assertThat(domain(tag + "-a-test1").metadata().orElseThrow().owner()).contains("alpha");
        assertThat(domain(tag + "-b-test2").metadata().orElseThrow().owner()).contains("beta");
    }

    @Test
    void releasingAPoolThatIsNotConfiguredLeavesAnotherOwnersMachineRunning() {
        service("alpha", createPool("site-a", tag + "-a-{node}", List.of("test3")))
                .ensureRunning(new MachineRequest("test3", "site-a", "op-a3"));
        LibvirtBackend beta = service("beta", createPool("default", tag + "-b-{node}", List.of("test1")));

        beta.release("test3", "site-a");

        assertThat(domain(tag + "-a-test3").state()).isEqualTo(DomainState.RUNNING);
        assertThat(admin.volume(STORAGE, tag + "-a-test3.qcow2")).isPresent();
    }

    @Test
    void restartRecoveryOfASecondServiceLeavesTheFirstServicesMachinesAlone() {
        service("alpha", createPool("site-a", tag + "-a-{node}", List.of("test4")))
                .ensureRunning(new MachineRequest("test4", "site-a", "op-a4"));
        LibvirtBackend betaBackend = service("beta", createPool("default", tag + "-b-{node}",
                List.of("test1", "test2", "test3", "test4", "test5", "test6", "test7", "test8")));
        EngineHarness beta = new EngineHarness(TestConfig.pools(TestConf.CLOUD8, Map.of()), c -> betaBackend,
                Optional.empty());

        List<String> decisions = beta.engine.recover(Map.of());
        beta.scheduler.runUntilIdle();

        assertThat(decisions).isEmpty();
        assertThat(domain(tag + "-a-test4").state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void theOrphanSweepReleasesOwnMachinesOfPoweredDownNodesButNotAnotherOwnersOfTheSameNode() {
        List<String> nodes = List.of("test1", "test2", "test3", "test4", "test5", "test6", "test7", "test8");
        service("alpha", createPool("default", tag + "-a-{node}", nodes))
                .ensureRunning(new MachineRequest("test6", "default", "op-a6"));
        LibvirtBackend betaBackend = service("beta", createPool("default", tag + "-b-{node}", nodes));
        betaBackend.ensureRunning(new MachineRequest("test7", "default", "op-b7")); // no operation of the engine
        EngineHarness beta = new EngineHarness(TestConfig.pools(TestConf.CLOUD8, Map.of()), c -> betaBackend,
                Optional.empty());
        for (String node : List.of("test6", "test7")) {
            beta.slurm.states.put(node, new org.elasticslurm.provisioner.slurm.SlurmNodeState(node, "IDLE",
                    java.util.Set.of("CLOUD", "POWERED_DOWN"), node, Optional.empty()));
        }
        beta.engine.recover(Map.of());

        beta.scheduler.advance(EngineHarness.GRACE.plusMinutes(1));
        List<String> actions = beta.engine.sweepOrphans();
        beta.scheduler.runUntilIdle();

        assertThat(actions).singleElement().asString().contains("test7").contains("released");
        assertThat(admin.domain(tag + "-b-test7")).isEmpty();
        assertThat(domain(tag + "-a-test6").state()).isEqualTo(DomainState.RUNNING);
    }

    @Test
    void aCreatedDomainOfAnotherOwnerUnderTheNodesDomainNameIsNeitherUsedNorRemoved() {
        String template = tag + "-{node}";
        service("alpha", createPool("default", template, List.of("test5")))
                .ensureRunning(new MachineRequest("test5", "default", "op-a5"));
        LibvirtBackend beta = service("beta", createPool("default", template, List.of("test5")));

        assertThatThrownBy(() -> beta.ensureRunning(new MachineRequest("test5", "default", "op-b5")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("managed by another provisioner service (owner alpha; this service is beta)")
                .satisfies(e -> assertThat(((BackendException) e).isTransient()).isFalse());
        beta.release("test5", "default");

        assertThat(domain(tag + "-test5").state()).isEqualTo(DomainState.RUNNING);
        assertThat(domain(tag + "-test5").metadata().orElseThrow().owner()).contains("alpha");
        assertThat(admin.volume(STORAGE, tag + "-test5.qcow2")).isPresent();
        assertThat(beta.address("test5")).isEmpty();
    }

    @Test
    void anExistingDomainStartedByAnotherOwnerIsRefusedAndNotShutDown() {
        ExistingPoolSpec pool = new ExistingPoolSpec("static", List.of("test1"), Optional.empty(), tag + "-vm-{node}",
                Duration.ofSeconds(30), StaticAddressMap.empty(), false);
        admin.define(new DomainSpec(tag + "-vm-test1", "test", "i686", 256, 1, Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), false, Optional.empty()));
        service("alpha", pool).ensureRunning(new MachineRequest("test1", "static", "op-a1"));
        LibvirtBackend beta = service("beta", pool);

        assertThatThrownBy(() -> beta.ensureRunning(new MachineRequest("test1", "static", "op-b1")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("domain " + tag + "-vm-test1")
                .hasMessageContaining("managed by another provisioner service (owner alpha; this service is beta)");
        beta.release("test1", "static");

        assertThat(domain(tag + "-vm-test1").state()).isEqualTo(DomainState.RUNNING);
        assertThat(domain(tag + "-vm-test1").metadata().orElseThrow().operationId()).isEqualTo("op-a1");
        assertThat(beta.list()).isEmpty();
    }

    @Test
    void metadataWithoutOwnerIsNotListedAndIsAdoptedByAResumeOfItsNodeInOurPool() {
        String template = tag + "-{node}";
        LibvirtBackend beta = service("beta", createPool("default", template, List.of("test2")));
        admin.define(new DomainSpec(tag + "-test2", "test", "i686", 256, 1, Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), false, Optional.of(new DomainMetadata("test2", "default", "op-old",
                MachineOrigin.CREATED, List.of(), Optional.empty()))));
        admin.define(new DomainSpec(tag + "-test8", "test", "i686", 256, 1, Optional.empty(), List.of(),
                Optional.empty(), Optional.empty(), false, Optional.of(new DomainMetadata("test8", "gone", "op-old",
                MachineOrigin.CREATED, List.of(), Optional.empty()))));
        admin.start(tag + "-test8");

        assertThat(beta.list()).isEmpty();
        beta.release("test8", "gone");
        Machine adopted = beta.ensureRunning(new MachineRequest("test2", "default", "op-b2"));

        assertThat(domain(tag + "-test8").state()).isEqualTo(DomainState.RUNNING);
        assertThat(adopted.backendId()).isEqualTo(tag + "-test2@" + URI);
        assertThat(domain(tag + "-test2").metadata().orElseThrow().owner()).contains("beta");
        assertThat(beta.list()).extracting(Machine::node).containsExactly("test2");
    }
}
