package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolSpecTest {

    private static ExistingPoolSpec pool(String template, List<String> nodes) {
        return new ExistingPoolSpec("static", nodes, Optional.empty(), template, Duration.ofSeconds(60),
                StaticAddressMap.empty(), false);
    }

    @Test
    void theDomainNameTemplateMustNameTheNode() {
        assertThatThrownBy(() -> pool("compute", List.of("test1")))
                .hasMessage("provisioner.pools.static.domain: 'compute' must contain {node}");
        assertThat(pool("vm-{node}.lab", List.of("test1")).domainName("test1")).isEqualTo("vm-test1.lab");
    }

    @Test
    void everyNodeMustGiveAUsableDomainName() {
        assertThatThrownBy(() -> pool("{node}", List.of("test1", "test 2")))
                .hasMessageStartingWith("provisioner.pools.static.domain: for node test 2: 'test 2' is not a usable"
                        + " domain name");
    }
}
