package org.elasticslurm.provisioner.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestPools;
import org.junit.jupiter.api.Test;

class PoolsTest {

    @Test
    void withoutPoolsEveryCloudNodeIsInTheDefaultPool() {
        Pools pools = TestPools.of(TestConf.CLOUD8, Map.of());

        assertThat(pools.all()).containsOnlyKeys("default");
        assertThat(pools.poolNodes()).containsExactly("test1", "test2", "test3", "test4", "test5", "test6", "test7", "test8");
        assertThat(pools.poolOf("login1")).isEmpty();
        assertThat(pools.cloudNodes()).doesNotContain("login1");
    }

    @Test
    void eachPoolHoldsTheNodesOfItsHostlist() {
        Pools pools = TestPools.of(TestConf.CLOUD8, Map.of(
                "provisioner.pools.small.nodes", "test[1-4]",
                "provisioner.pools.big.nodes", "test[5-6]",
                "provisioner.pools.big.mode", "existing"));

        assertThat(pools.poolOf("test2").map(Pool::name)).contains("small");
        assertThat(pools.poolOf("test6").map(Pool::mode)).contains(PoolMode.EXISTING);
        assertThat(pools.poolOf("test7")).isEmpty();
    }

    @Test
    void everyProblemOfThePoolsIsNamedAtOnce() {
        assertThatThrownBy(() -> TestPools.of(TestConf.CLOUD8, Map.of(
                "provisioner.pools.a.nodes", "test[1-4],login1",
                "provisioner.pools.b.nodes", "test[4-5]",
                "provisioner.pools.c.nodes", "test[5-")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(3);
                    assertThat(e.problems().subList(0, 2)).containsExactly(
                            "provisioner.pools.a.nodes: must name State=CLOUD nodes of /etc/slurm/slurm.conf, but these are not: login1",
                            "provisioner.pools.b.nodes: node test4 is already in pool a (a node belongs to at most one pool)");
                    assertThat(e.problems().get(2)).startsWith("provisioner.pools.c.nodes: not a valid hostlist: test[5-: column");
                });
    }
}
