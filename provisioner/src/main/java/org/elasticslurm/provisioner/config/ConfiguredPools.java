package org.elasticslurm.provisioner.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.provisioner.pool.PoolDefinition;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.provisioner.pool.PostConfig;

/** The pools of {@code provisioner.pools.*}, resolved against slurm.conf. */
public final class ConfiguredPools {
    private ConfiguredPools() {
    }

    /**
     * Resolves the configured pools (or the implicit {@code default} pool) against slurm.conf.
     *
     * @throws org.elasticslurm.provisioner.pool.InvalidConfigException listing every bad pool key
     */
    public static Pools resolve(ProvisionerConfig c, SlurmConf conf) {
        Map<String, PoolDefinition> configured = new LinkedHashMap<>();
        c.pools().forEach((name, pool) -> configured.put(name, definition(pool)));
        return Pools.resolve(configured, definition(c.pools().get(Pools.DEFAULT_POOL)), conf);
    }

    private static PoolDefinition definition(PoolConfig pool) {
        return new PoolDefinition(pool.nodes(), pool.mode(),
                new PostConfig(pool.postConfig().command(), pool.postConfig().timeout()));
    }
}
