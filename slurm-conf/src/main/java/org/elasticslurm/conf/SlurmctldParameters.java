package org.elasticslurm.conf;

import java.time.Duration;
import java.util.List;

/**
 * The power-save related options of {@code SlurmctldParameters} (matched case-insensitively, as 22.05 does).
 *
 * @param powerSaveInterval power_save_interval (default 10 s): scan at least this often
 * @param powerSaveMinInterval power_save_min_interval (default 0): never scan more often
 * @param idleOnNodeSuspend idle_on_node_suspend
 * @param cloudRegAddrs cloud_reg_addrs
 * @param cloudDns cloud_dns
 * @param nodeRegMemPercent node_reg_mem_percent, if set
 * @param raw every option as written, in order
 */
public record SlurmctldParameters(
        Duration powerSaveInterval,
        Duration powerSaveMinInterval,
        boolean idleOnNodeSuspend,
        boolean cloudRegAddrs,
        boolean cloudDns,
        java.util.OptionalInt nodeRegMemPercent,
        List<String> raw) {

    public SlurmctldParameters {
        raw = List.copyOf(raw);
    }
}
