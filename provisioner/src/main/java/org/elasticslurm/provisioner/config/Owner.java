package org.elasticslurm.provisioner.config;

import java.util.Optional;
import java.util.regex.Pattern;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.provisioner.pool.InvalidConfigException;

/**
 * The identity of one provisioner service, written into every machine it makes or starts: a service lists,
 * recovers, sweeps and cleans up only machines of its own owner, so several services (other clusters, test
 * runs) can share a hypervisor host. Configured by {@code provisioner.owner}; by default slurm.conf's
 * {@code ClusterName}. Two services of the same cluster (same owner) must not share a host.
 *
 * @param name the owner name, matching {@link #RULE}
 */
public record Owner(String name) {
    /** The rule an owner name follows. */
    public static final String RULE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern PATTERN = Pattern.compile(RULE);

    /**
     * Checks the name.
     *
     * @throws IllegalArgumentException naming {@code provisioner.owner} and the rule
     */
    public Owner {
        if (!valid(name)) {
            throw new IllegalArgumentException(problem(name));
        }
    }

    /** Whether {@code name} follows {@link #RULE}. */
    public static boolean valid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** The message for a name that breaks the rule. */
    static String problem(String name) {
        return "provisioner.owner: must match " + RULE + " (" + name + ")";
    }

    /**
     * The configured owner, else slurm.conf's {@code ClusterName}.
     *
     * @throws InvalidConfigException when neither gives a name that follows the rule
     */
    public static Owner resolve(Optional<String> configured, SlurmConf conf) {
        if (configured.isPresent()) {
            if (!valid(configured.get())) {
                throw new InvalidConfigException(java.util.List.of(problem(configured.get())));
            }
            return new Owner(configured.get());
        }
        Optional<String> cluster = conf.parameter("ClusterName").map(String::strip);
        if (cluster.isEmpty() || cluster.get().isEmpty()) {
            throw new InvalidConfigException(java.util.List.of("provisioner.owner: not set, and " + conf.source()
                    + " has no ClusterName to take it from; set one of them (rule " + RULE + ")"));
        }
        if (!valid(cluster.get())) {
            throw new InvalidConfigException(java.util.List.of("provisioner.owner: not set, and the ClusterName of "
                    + conf.source() + " (" + cluster.get() + ") does not match " + RULE + "; set provisioner.owner"));
        }
        return new Owner(cluster.get());
    }

    @Override
    public String toString() {
        return name;
    }
}
