package org.elasticslurm.provisioner.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.elasticslurm.provisioner.config.ConfiguredPools;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.elasticslurm.provisioner.pool.Pools;

/** Builds the real configuration mapping from properties, without Quarkus. */
public final class TestConfig {
    private TestConfig() {
    }

    public static ProvisionerConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ProvisionerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter())
                .addDefaultInterceptors()
                .build();
        return config.getConfigMapping(ProvisionerConfig.class);
    }

    /** Pools of a slurm.conf text and pool properties. */
    public static Pools pools(String slurmConf, Map<String, String> properties) {
        ProvisionerConfig c = load(properties);
        return ConfiguredPools.resolve(c, TestConf.parse(slurmConf));
    }
}
