package org.elasticslurm.provisioner.config;

import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.pool.InvalidConfigException;
import org.elasticslurm.provisioner.testing.TestConf;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerTest {
    private static final String NODES = "NodeName=test[1-2] State=CLOUD\n";

    @Test
    void theOwnerDefaultsToTheClusterNameOfSlurmConf() {
        assertThat(Owner.resolve(Optional.empty(), TestConf.parse("ClusterName=site-b\n" + NODES)).name())
                .isEqualTo("site-b");
    }

    @Test
    void aConfiguredOwnerWinsOverTheClusterName() {
        assertThat(Owner.resolve(Optional.of("qemu.it_7"), TestConf.parse("ClusterName=site-b\n" + NODES)).name())
                .isEqualTo("qemu.it_7");
    }

    @Test
    void withoutOwnerAndClusterNameTheStartIsRefusedNamingBoth() {
        assertThatThrownBy(() -> Owner.resolve(Optional.empty(), TestConf.parse(NODES)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("provisioner.owner: not set")
                .hasMessageContaining("no ClusterName");
    }

    @Test
    void aClusterNameBreakingTheRuleIsRefusedAskingForAnOwner() {
        assertThatThrownBy(() -> Owner.resolve(Optional.empty(), TestConf.parse("ClusterName=-odd\n" + NODES)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("ClusterName")
                .hasMessageContaining("(-odd)")
                .hasMessageContaining("set provisioner.owner");
    }

    @Test
    void namesBreakingTheRuleAreRefusedByTheValidatorWithTheRule() {
        for (String bad : new String[] {"-a", "a b", "a/b", "é", "x".repeat(65)}) {
            ProvisionerConfig c = ProvisionerConfigTest.load(Map.of("provisioner.owner", bad));
            assertThat(new ConfigValidator().problems(c)).as(bad)
                    .contains("provisioner.owner: must match [A-Za-z0-9][A-Za-z0-9._-]{0,63} (" + bad + ")");
        }
        ProvisionerConfig good = ProvisionerConfigTest.load(Map.of("provisioner.owner", "A9._-" + "x".repeat(59)));
        assertThat(new ConfigValidator().problems(good)).isEmpty();
        assertThatThrownBy(() -> new Owner("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provisioner.owner");
    }
}
