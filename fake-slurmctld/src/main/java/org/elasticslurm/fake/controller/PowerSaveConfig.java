package org.elasticslurm.fake.controller;

import java.util.Optional;
import org.elasticslurm.conf.PowerSaveVerdict;
import org.elasticslurm.conf.SlurmConf;

/**
 * What power_save.c's {@code _init_power_config} takes from the configuration, after the program checks.
 *
 * @param enabled power saving runs (the verdict of the hook program rules)
 * @param suspendProgram SuspendProgram
 * @param resumeProgram ResumeProgram
 * @param resumeFailProgram ResumeFailProgram, dropped when invalid
 * @param suspendRate SuspendRate (0 unlimited)
 * @param resumeRate ResumeRate (0 unlimited)
 * @param interval power_save_interval in seconds
 * @param minInterval power_save_min_interval in seconds
 * @param idleOnNodeSuspend idle_on_node_suspend
 * @param cloudRegAddrs cloud_reg_addrs
 * @param excNodes SuspendExcNodes as written
 * @param excParts SuspendExcParts as written
 * @param excStates SuspendExcStates as written (24.11 and later)
 * @param maxTimeout max(SuspendTimeout, ResumeTimeout) (shutdown wait)
 * @param debug DebugFlags=Power
 * @param modeConfigured both SuspendProgram and ResumeProgram are set (power flags survive a reconfigure)
 */
record PowerSaveConfig(boolean enabled, Optional<String> suspendProgram, Optional<String> resumeProgram,
                       Optional<String> resumeFailProgram, int suspendRate, int resumeRate, int interval,
                       int minInterval, boolean idleOnNodeSuspend, boolean cloudRegAddrs, Optional<String> excNodes,
                       Optional<String> excParts, Optional<String> excStates, int maxTimeout, boolean debug, boolean modeConfigured) {

    static PowerSaveConfig from(SlurmConf conf, PowerSaveVerdict verdict) {
        var ps = conf.powerSave();
        var params = ps.slurmctldParameters();
        int maxTimeout = (int) Math.max(ps.suspendTimeout().toSeconds(), ps.resumeTimeout().toSeconds());
        return new PowerSaveConfig(
                verdict.enabled(),
                ps.suspendProgram(),
                ps.resumeProgram(),
                verdict.resumeFailProgram(),
                ps.suspendRate(),
                ps.resumeRate(),
                (int) params.powerSaveInterval().toSeconds(),
                (int) params.powerSaveMinInterval().toSeconds(),
                params.idleOnNodeSuspend(),
                params.cloudRegAddrs(),
                conf.parameter("SuspendExcNodes").filter(s -> !s.isBlank()),
                conf.parameter("SuspendExcParts").filter(s -> !s.isBlank()),
                conf.parameter("SuspendExcStates").filter(s -> !s.isBlank()),
                maxTimeout,
                ps.debugFlagsPower(),
                ps.suspendProgram().isPresent() && ps.resumeProgram().isPresent());
    }
}
