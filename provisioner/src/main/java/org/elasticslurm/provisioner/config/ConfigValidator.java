package org.elasticslurm.provisioner.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.pool.Pools;

/** Checks the values of {@link ProvisionerConfig} that their types alone do not constrain. */
public final class ConfigValidator {

    /**
     * Every problem of the configuration, each as {@code key: rule (value)}; empty when it is usable.
     * Files are not read here (see {@link Pools#resolve} and {@link BearerToken#read}).
     */
    public List<String> problems(ProvisionerConfig c) {
        List<String> p = new ArrayList<>();
        absolute(p, "provisioner.slurm-conf", c.slurmConf().toString());
        c.owner().filter(o -> !Owner.valid(o)).ifPresent(o -> p.add(Owner.problem(o)));
        absolute(p, "provisioner.token-file", c.tokenFile().toString());
        absolute(p, "provisioner.operation-log", c.operationLog().toString());
        absolute(p, "provisioner.slurm.scontrol", c.slurm().scontrol().toString());
        atLeast(p, "provisioner.max-parallel", c.maxParallel(), 1);
        atLeast(p, "provisioner.max-nodes-per-request", c.maxNodesPerRequest(), 1);
        atLeast(p, "provisioner.warm-up-rounds", c.warmUpRounds(), 0);
        positive(p, "provisioner.orphan-grace", c.orphanGrace());
        positive(p, "provisioner.reconcile-interval", c.reconcileInterval());
        positive(p, "provisioner.recovery-retry", c.recoveryRetry());
        positive(p, "provisioner.address-timeout", c.addressTimeout());
        positive(p, "provisioner.address-poll-interval", c.addressPollInterval());
        positive(p, "provisioner.slurm.timeout", c.slurm().timeout());
        atLeast(p, "provisioner.retry.max-attempts", c.retry().maxAttempts(), 1);
        positive(p, "provisioner.retry.initial-backoff", c.retry().initialBackoff());
        positive(p, "provisioner.retry.max-backoff", c.retry().maxBackoff());
        if (!(c.retry().multiplier() >= 1.0)) {
            p.add("provisioner.retry.multiplier: must be at least 1.0 (" + c.retry().multiplier() + ")");
        }
        notNegative(p, "provisioner.sim.boot-delay", c.sim().bootDelay());
        notNegative(p, "provisioner.sim.jitter", c.sim().jitter());
        probability(p, "provisioner.sim.failure-probability", c.sim().failureProbability());
        probability(p, "provisioner.sim.transient-failure-probability", c.sim().transientFailureProbability());
        if (!c.sim().firstAddress().matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})")) {
            p.add("provisioner.sim.first-address: must be a dotted IPv4 address (" + c.sim().firstAddress() + ")");
        }
        if (!List.of("builtin", "genisoimage").contains(c.libvirt().seedWriter())) {
            p.add("provisioner.libvirt.seed-writer: must be one of [builtin, genisoimage] (" + c.libvirt().seedWriter()
                    + ")");
        }
        c.libvirt().kvmVerdictFile().ifPresent(f -> absolute(p, "provisioner.libvirt.kvm-verdict-file", f.toString()));
        if (c.backend() == BackendKind.LIBVIRT && c.libvirt().uris().isEmpty()) {
            p.add("provisioner.libvirt.uris: at least one URI is needed when provisioner.backend=libvirt");
        }
        for (Map.Entry<String, PoolConfig> e : c.pools().entrySet()) {
            String k = "provisioner.pools." + e.getKey() + ".";
            PoolConfig pool = e.getValue();
            if (!e.getKey().matches("[A-Za-z0-9_-]+")) {
                p.add("provisioner.pools." + e.getKey() + ": a pool name uses only letters, digits, '_' and '-'");
            }
            pool.postConfig().command().ifPresent(cmd -> {
                if (cmd.isEmpty() || !cmd.get(0).startsWith("/")) {
                    p.add(k + "post-config.command: the first element must be an absolute path (" + cmd + ")");
                }
            });
            positive(p, k + "post-config.timeout", pool.postConfig().timeout());
            atLeast(p, k + "memory", pool.machine().memory(), 1);
            atLeast(p, k + "vcpus", pool.machine().vcpus(), 1);
            notNegative(p, k + "shutdown-grace", pool.machine().shutdownGrace());
        }
        return p;
    }

    private static void absolute(List<String> p, String key, String path) {
        if (!path.startsWith("/")) {
            p.add(key + ": must be an absolute path (" + path + ")");
        }
    }

    private static void atLeast(List<String> p, String key, long value, long min) {
        if (value < min) {
            p.add(key + ": must be at least " + min + " (" + value + ")");
        }
    }

    private static void positive(List<String> p, String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            p.add(key + ": must be a positive duration (" + d + ")");
        }
    }

    private static void notNegative(List<String> p, String key, Duration d) {
        if (d.isNegative()) {
            p.add(key + ": must not be negative (" + d + ")");
        }
    }

    private static void probability(List<String> p, String key, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            p.add(key + ": must be a probability between 0 and 1 (" + v + ")");
        }
    }
}
