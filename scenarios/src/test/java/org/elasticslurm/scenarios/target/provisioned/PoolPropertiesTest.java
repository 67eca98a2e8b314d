package org.elasticslurm.scenarios.target.provisioned;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.junit.jupiter.api.Test;

class PoolPropertiesTest {
    @Test
    void poolsBecomeTheProvisionersKeysWithListCommasEscapedAndTheScenariosOwnKeysLast() {
        Position at = new Position(java.nio.file.Path.of("s.yaml"), 1, 1);
        ProvisionerSetup setup = new ProvisionerSetup(List.of(new ProvisionerSetup.Pool("cloud", "test[1-2]",
                ProvisionerSetup.Mode.CREATE, List.of("/usr/bin/test", "-n", "a,b"), at)),
                Map.of("provisioner.pools.cloud.memory", "2048"), at);

        Map<String, String> keys = PoolProperties.of(setup, p -> Map.of("memory", "1024", "network", "lab"));

        assertThat(keys).containsEntry("provisioner.pools.cloud.nodes", "test[1-2]")
                .containsEntry("provisioner.pools.cloud.mode", "create")
                .containsEntry("provisioner.pools.cloud.post-config.command", "/usr/bin/test,-n,a\\,b")
                .containsEntry("provisioner.pools.cloud.network", "lab")
                .containsEntry("provisioner.pools.cloud.memory", "2048");
    }
}
