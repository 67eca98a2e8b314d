package org.elasticslurm.provisioner.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.provisioner.pool.PoolDefinition;
import org.elasticslurm.provisioner.pool.PoolMode;
import org.elasticslurm.provisioner.pool.Pools;
import org.elasticslurm.provisioner.pool.PostConfig;

/**
 * Pools from a slurm.conf text and the pool keys of the provisioner's configuration
 * ({@code provisioner.pools.<name>.nodes|mode|post-config.command|post-config.timeout}, a command's elements
 * separated by commas), without the service's configuration mapping.
 */
public final class TestPools {
    private static final String PREFIX = "provisioner.pools.";

    private TestPools() {
    }

    public static Pools of(String slurmConf, Map<String, String> properties) {
        Map<String, Map<String, String>> byPool = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a pool key: " + key);
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            byPool.computeIfAbsent(rest.substring(0, dot), p -> new LinkedHashMap<>()).put(rest.substring(dot + 1), value);
        });
        Map<String, PoolDefinition> configured = new LinkedHashMap<>();
        byPool.forEach((name, keys) -> configured.put(name, definition(keys)));
        return Pools.resolve(configured, definition(Map.of()), TestConf.parse(slurmConf));
    }

    private static PoolDefinition definition(Map<String, String> keys) {
        for (String key : keys.keySet()) {
            if (!List.of("nodes", "mode", "post-config.command", "post-config.timeout").contains(key)) {
                throw new IllegalArgumentException("unknown pool key: " + key);
            }
        }
        PoolMode mode = PoolMode.valueOf(keys.getOrDefault("mode", "create").toUpperCase(Locale.ROOT));
        Optional<List<String>> command = Optional.ofNullable(keys.get("post-config.command"))
                .map(c -> Arrays.asList(c.split(",")));
        Duration timeout = Optional.ofNullable(keys.get("post-config.timeout")).map(Duration::parse)
                .orElse(Duration.ofMinutes(10));
        return new PoolDefinition(Optional.ofNullable(keys.get("nodes")), mode, new PostConfig(command, timeout));
    }
}
