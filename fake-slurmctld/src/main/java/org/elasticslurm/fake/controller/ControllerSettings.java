package org.elasticslurm.fake.controller;

import java.util.Optional;
import java.util.OptionalDouble;
import org.elasticslurm.conf.SlurmConf;

/**
 * The slurm.conf values the controller reads beyond the power-save module's own, with 22.05's defaults.
 *
 * @param clusterName ClusterName
 * @param logLevel SlurmctldDebug (default info)
 * @param debugFlagsPower DebugFlags has Power
 * @param returnToService ReturnToService (0, 1, 2)
 * @param privateDataCloud PrivateData has cloud (powered-down cloud nodes visible)
 * @param slurmdTimeout SlurmdTimeout in seconds (default 300)
 * @param minJobAge MinJobAge in seconds (default 300)
 * @param jobRequeue JobRequeue (default 1: batch jobs are requeued on node failure)
 * @param suspendTimeout the global SuspendTimeout in seconds
 * @param resumeTimeout the global ResumeTimeout in seconds
 * @param treeWidth TreeWidth (default 50)
 * @param nodeRegMemPercent SlurmctldParameters node_reg_mem_percent, if set
 * @param cloudRegAddrs SlurmctldParameters cloud_reg_addrs
 */
record ControllerSettings(String clusterName, LogLevel logLevel, boolean debugFlagsPower, int returnToService,
                          boolean privateDataCloud, int slurmdTimeout, int minJobAge, boolean jobRequeue,
                          int suspendTimeout, int resumeTimeout, int treeWidth, OptionalDouble nodeRegMemPercent,
                          boolean cloudRegAddrs) {

    /** PERIODIC_TIMEOUT: job time limits and configuration checks. */
    static final int PERIODIC_TIMEOUT = 30;
    /** MIN_CHECKIN_TIME: first node ping after start. */
    static final int MIN_CHECKIN_TIME = 3;
    /** MAX_REG_FREQUENCY: pings between registration requests. */
    static final int MAX_REG_FREQUENCY = 20;
    /** PURGE_JOB_INTERVAL. */
    static final int PURGE_JOB_INTERVAL = 60;
    /** batch_sched_delay default. */
    static final int BATCH_SCHED_DELAY = 3;
    /** sched_interval default. */
    static final int SCHED_INTERVAL = 60;
    /** The job credential lifetime (120 s) + 1: how long a requeued batch job waits. */
    static final int REQUEUE_DELAY = 121;

    static ControllerSettings from(SlurmConf conf) {
        var ps = conf.powerSave();
        LogLevel level = conf.parameter("SlurmctldDebug")
                .map(v -> LogLevel.parse(v).orElseThrow(() -> new IllegalArgumentException(
                        "SlurmctldDebug=" + v + ": not a log level (quiet, fatal, error, info, verbose, debug,"
                                + " debug2 ... debug5)")))
                .orElse(LogLevel.INFO);
        return new ControllerSettings(
                conf.parameter("ClusterName").orElse("cluster"),
                level,
                ps.debugFlagsPower(),
                ps.returnToService(),
                ps.privateDataCloud(),
                intParameter(conf, "SlurmdTimeout", 300),
                intParameter(conf, "MinJobAge", 300),
                intParameter(conf, "JobRequeue", 1) != 0,
                (int) ps.suspendTimeout().toSeconds(),
                (int) ps.resumeTimeout().toSeconds(),
                ps.treeWidth() > 0 ? ps.treeWidth() : 50,
                ps.slurmctldParameters().nodeRegMemPercent(),
                ps.slurmctldParameters().cloudRegAddrs());
    }

    private static int intParameter(SlurmConf conf, String key, int defaultValue) {
        Optional<String> value = conf.parameter(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value.get() + ": not a whole number", e);
        }
    }
}
