package org.elasticslurm.conf;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The power-save related options of {@code SlurmctldParameters}, found as 22.05 finds them: anywhere in the
 * value, without regard to case ({@code xstrcasestr}).
 *
 * @param powerSaveInterval power_save_interval (default 10 s): scan at least this often
 * @param powerSaveMinInterval power_save_min_interval (default 0): never scan more often
 * @param idleOnNodeSuspend idle_on_node_suspend
 * @param cloudRegAddrs cloud_reg_addrs
 * @param cloudDns cloud_dns
 * @param nodeRegMemPercent node_reg_mem_percent, if set (a percentage, fractions allowed; when unset the daemon
 *                          uses 100, or 90 for CLOUD nodes)
 * @param raw every option as written, in order
 */
public record SlurmctldParameters(
        Duration powerSaveInterval,
        Duration powerSaveMinInterval,
        boolean idleOnNodeSuspend,
        boolean cloudRegAddrs,
        boolean cloudDns,
        OptionalDouble nodeRegMemPercent,
        List<String> raw) {

    public SlurmctldParameters {
        raw = List.copyOf(raw);
    }

    /** The values slurmctld uses when SlurmctldParameters is not set. */
    public static SlurmctldParameters defaults() {
        return new SlurmctldParameters(Duration.ofSeconds(10), Duration.ZERO, false, false, false,
                OptionalDouble.empty(), List.of());
    }
}
