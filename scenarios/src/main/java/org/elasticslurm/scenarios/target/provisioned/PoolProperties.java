package org.elasticslurm.scenarios.target.provisioned;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.elasticslurm.scenarios.model.ProvisionerSetup;

/**
 * The provisioner's configuration keys for a scenario's {@code provisioner:} section: each pool's
 * {@code nodes}, {@code mode} and {@code post-config.command}, the target's own keys for the pool (backend
 * settings: storage pool, base image, network ...), then the scenario's {@code properties} as written (they win).
 */
public final class PoolProperties {
    private PoolProperties() {
    }

    /**
     * The keys.
     *
     * @param perPool the target's keys of a pool, without the {@code provisioner.pools.<name>.} prefix
     */
    public static Map<String, String> of(ProvisionerSetup setup,
                                         Function<ProvisionerSetup.Pool, Map<String, String>> perPool) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ProvisionerSetup.Pool p : setup.pools()) {
            String prefix = "provisioner.pools." + p.name() + ".";
            out.put(prefix + "nodes", p.nodes());
            out.put(prefix + "mode", p.mode().keyword());
            if (!p.postConfig().isEmpty()) {
                out.put(prefix + "post-config.command", p.postConfig().stream().map(PoolProperties::listItem)
                        .collect(Collectors.joining(",")));
            }
            perPool.apply(p).forEach((k, v) -> out.put(prefix + k, v));
        }
        out.putAll(setup.properties());
        return out;
    }

    /** One element of a list-valued key (commas escaped, as MicroProfile Config reads lists). */
    static String listItem(String s) {
        return s.replace("\\", "\\\\").replace(",", "\\,");
    }
}
