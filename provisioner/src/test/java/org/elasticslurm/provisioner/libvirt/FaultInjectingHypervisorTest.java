package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.testsupport.TestDriverHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresLibvirtLibrary
class FaultInjectingHypervisorTest {
    @TempDir
    Path dir;

    private LibvirtHypervisor host;

    @BeforeEach
    void setUp() {
        host = LibvirtHypervisor.open(TestDriverHost.withCpus(2).write(dir, "h"));
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    private static DomainSpec spec(String name) {
        return new DomainSpec(name, "test", "i686", 256, 1, Optional.empty(),
                List.of(new DomainSpec.Disk("/guest/" + name + ".qcow2", "qcow2", false, "virtio", false)),
                Optional.empty(), Optional.empty(), false, Optional.empty());
    }

    @Test
    void rateZeroHandsEveryCallToTheHost() {
        FaultInjectingHypervisor faulty = new FaultInjectingHypervisor(host, FaultPlan.parse("rate=0,seed=3"));

        faulty.define(spec("d1"));
        faulty.start("d1");

        assertThat(host.domain("d1")).map(DomainSummary::state).contains(DomainState.RUNNING);
        assertThat(faulty.injected()).isZero();
    }

    @Test
    void rateOneFailsEveryCallBeforeItReachesTheHostWithTransientAndPermanentErrors() {
        FaultInjectingHypervisor faulty = new FaultInjectingHypervisor(host,
                FaultPlan.parse("rate=1,seed=3,hang=0s"));
        List<Boolean> transients = new ArrayList<>();

        for (int i = 0; i < 40; i++) {
            String name = "d" + i;
            transients.add(catchThrowableOfType(() -> faulty.define(spec(name)), BackendException.class)
                    .isTransient());
        }

        assertThat(host.domains()).noneMatch(d -> d.name().startsWith("d"));
        assertThat(faulty.injected()).isEqualTo(40);
        assertThat(transients).contains(true, false);
    }

    @Test
    void faultsAreInjectedOnlyWhileTheSwitchFileExists() throws Exception {
        Path on = dir.resolve("faults.on");
        FaultInjectingHypervisor faulty = new FaultInjectingHypervisor(host,
                FaultPlan.parse("rate=1,seed=3,hang=0s,switch=" + on));
        Files.writeString(on, "");
        assertThatThrownBy(() -> faulty.define(spec("d1"))).isInstanceOf(BackendException.class)
                .hasMessageContaining("injected").hasMessageContaining("define d1");

        Files.delete(on);
        faulty.define(spec("d1"));

        assertThat(host.domain("d1")).isPresent();
    }

    @Test
    void aBadSettingIsRefusedNamingThePartAndTheRule() {
        assertThatThrownBy(() -> FaultPlan.parse("rate=2")).hasMessageContaining("rate must be in [0, 1] (2.0)")
                .hasMessageContaining(FaultPlan.RULE);
        assertThatThrownBy(() -> FaultPlan.parse("rate=0.1,colour=red")).hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> FaultPlan.parse("seed=4")).hasMessageContaining("rate is required");
        assertThatThrownBy(() -> FaultPlan.parse("rate=0.1,hang=soon")).hasMessageContaining("bad value 'soon'");
    }
}
