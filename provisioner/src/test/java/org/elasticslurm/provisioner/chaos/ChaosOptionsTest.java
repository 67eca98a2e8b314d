package org.elasticslurm.provisioner.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChaosOptionsTest {
    @Test
    void theHypervisorIsTheTestDriverUnlessQemuIsAskedFor() {
        assertThat(ChaosOptions.parse(new String[0]).host()).isEqualTo(ChaosOptions.Host.TEST);
        assertThat(ChaosOptions.parse(new String[] {"--hypervisor", "qemu", "--nodes", "100"}).host())
                .isEqualTo(ChaosOptions.Host.QEMU);
    }

    @Test
    void anUnknownHypervisorIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--hypervisor", "xen"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--hypervisor must be test or qemu ('xen')");
    }

    @Test
    void theHelpNamesTheHypervisorKnob() {
        assertThat(ChaosOptions.HELP).contains("[--hypervisor test|qemu]").contains("qemu:///system");
    }
}
