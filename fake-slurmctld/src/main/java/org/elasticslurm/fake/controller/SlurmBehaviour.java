package org.elasticslurm.fake.controller;

import java.util.Objects;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.HookKind;

/**
 * What the emulated Slurm version changes in the controller, each difference measured against that version's real
 * slurmctld (the traces named in the README's version table). The controller asks this object instead of testing
 * the version itself.
 *
 * @param version                  the version emulated
 * @param jobStartsAtRegistration  22.05: an srun job on a resumed node starts as soon as the node registers; 24.11
 *                                 and later: the job stays configuring until the next periodic job_time_limit pass
 *                                 ("job_time_limit: Configuration for JobId=1 complete")
 * @param resumeTimeoutKeepsNotResponding 22.05 leaves a node that missed ResumeTimeout NOT_RESPONDING
 *                                 (DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING); 24.11 and later clear it
 * @param scontrolPower            {@code scontrol power up|down [asap|force] NODES} exists (24.11 and later)
 * @param powerLog                 how the power-save thread logs the programs it started
 */
public record SlurmBehaviour(SlurmVersion version, boolean jobStartsAtRegistration,
                             boolean resumeTimeoutKeepsNotResponding, boolean scontrolPower, PowerLog powerLog) {

    /** The POWER debug lines for a started program, per version. */
    public enum PowerLog {
        /** 22.05: {@code power_save: pid 1234 waking nodes node1}. */
        WITH_PID,
        /** 24.11 (programs run by slurmscriptd): {@code power_save: waking nodes node1}. */
        WITHOUT_PID,
        /** 26.05: {@code Issued slurmctld power action __resumeprog__ on nodes node1}. */
        POWER_ACTION
    }

    public SlurmBehaviour {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(powerLog, "powerLog");
    }

    /** The behaviour of {@code version}. */
    public static SlurmBehaviour of(SlurmVersion version) {
        return switch (version) {
            case V22_05 -> new SlurmBehaviour(version, true, true, false, PowerLog.WITH_PID);
            case V24_11 -> new SlurmBehaviour(version, false, false, true, PowerLog.WITHOUT_PID);
            case V26_05 -> new SlurmBehaviour(version, false, false, true, PowerLog.POWER_ACTION);
        };
    }

    /** The POWER line logged after starting {@code kind} for {@code hosts} ({@code pid} -1 when none started). */
    String programLine(HookKind kind, long pid, String hosts) {
        return switch (powerLog) {
            case WITH_PID -> "power_save: pid " + pid + " " + verb(kind) + " nodes " + hosts;
            case WITHOUT_PID -> "power_save: " + verb(kind) + " nodes " + hosts;
            case POWER_ACTION -> "Issued slurmctld power action " + action(kind) + " on nodes " + hosts;
        };
    }

    /**
     * 24.11 and later log "Node NAME/HOST/ADDR powered up with instance_id=, instance_type=" (POWER) when a
     * powering-up node registers.
     */
    boolean logsInstanceOnPowerUp() {
        return version != SlurmVersion.V22_05;
    }

    /**
     * Whether srun follows "Node failure on X" with "Nodes X are still not ready" and "Something is wrong with the
     * boot of the nodes." when its nodes fail to come up (22.05, 24.11; 26.05's srun prints the first line only).
     */
    public boolean srunExplainsBootFailure() {
        return version != SlurmVersion.V26_05;
    }

    /**
     * 26.05 refuses POWER_UP/POWER_DOWN while power saving is disabled with "error: Invalid power action (default)
     * for nodes X" and ESLURM_INVALID_POWER_ACTION ("Invalid power action"); 22.05 and 24.11 with "attempt to do
     * power work on node but PowerSave is disabled" and "Invalid node state specified" (hook-* scenarios).
     */
    boolean refusesPowerWorkAsPowerAction() {
        return version == SlurmVersion.V26_05;
    }

    /**
     * 22.05 hides a powered-down CLOUD node from clients unless PrivateData has {@code cloud}; 24.11 and 26.05 list
     * it ({@code IDLE+CLOUD+POWERED_DOWN}, sinfo {@code idle~}) either way (privatedata-cloud-off).
     */
    boolean hidesPoweredDownCloudNodes() {
        return version == SlurmVersion.V22_05;
    }

    /**
     * How ResumeRate and SuspendRate limit a scan: 22.05's decaying counter woke up to the rate in one call
     * (resume-rate.real-22.05.trace: node[1-2] at 0.8 s); 24.11 and later's token bucket wakes a bucket's worth (one
     * node with ResumeRate=2) and then one node per refill (resume-rate.real-24.11.trace, .real-26.05.trace).
     */
    PowerRateLimit.Rule rateLimitRule() {
        return version == SlurmVersion.V22_05 ? PowerRateLimit.Rule.DECAYING_COUNTER : PowerRateLimit.Rule.TOKEN_BUCKET;
    }

    /**
     * When the power-save loop scans: 22.05 with {@code >=} on whole seconds, 24.11 and later with {@code >}, so
     * scans come every power_save_interval + 1 s and a node fails ResumeTimeout=10 11 s after its wake
     * (return-to-service-0: 0.9 s / 11.9 s on 24.11, 0.7 s / 20.7 s on 22.05), ResumeTimeout=30 with
     * power_save_interval=30 31 s after it (resume-timeout-psi30-batch: 3.9 s / 34.9 s on 24.11, 4.0 s / 64.0 s on
     * 22.05).
     */
    ScanTrigger scanTrigger() {
        return version == SlurmVersion.V22_05 ? ScanTrigger.AT_OR_AFTER : ScanTrigger.STRICTLY_AFTER;
    }

    /**
     * 22.05: a powered-down node's slurmd that answers the kill request of its job counts as responding, so a node
     * that missed ResumeTimeout while a stale slurmd ran is "now responding" and, with ReturnToService=2, "node_did_resp:
     * node node1 returned to service" (IDLE+CLOUD+POWERED_DOWN); 24.11 and 26.05 leave it DOWN+CLOUD+POWERED_DOWN
     * (resume-timeout-stale-boot-rts2, resume-timeout-stale-boot).
     */
    boolean killAnswerOfPoweredDownNodeCounts() {
        return version == SlurmVersion.V22_05;
    }

    /**
     * srun's exit status when a node of its running step failed (e.g. POWER_DOWN_FORCE): 22.05 exits with its tasks'
     * status (0 after "Node failure on node1"), 24.11 and 26.05 with 1 at least (admin-power-down-force).
     */
    public int srunStatusAfterStepNodeFailure(int tasksStatus) {
        return version == SlurmVersion.V22_05 ? tasksStatus : Math.max(tasksStatus, 1);
    }

    /**
     * 22.05 reaps its power-save programs itself and pings the nodes after one that exited 0 ({@code _reap_procs}:
     * {@code ping_nodes_now}); 24.11 and 26.05 run them through slurmscriptd and ping at the ping interval only
     * (suspend-exc-states: the admin's DOWN node2, whose slurmd answers, stays DOWN+CLOUD after node3's suspend,
     * where a ping's answer would return it to service under ReturnToService=2).
     */
    boolean pingsAfterPowerProgram() {
        return version == SlurmVersion.V22_05;
    }

    /**
     * 26.05 gives a requeued job a new SLUID and logs "debug:  job_record_set_sluid: changing from X to Y due to
     * requeue" after "Requeuing JobId=1" (resume-rate-timeout-batch, -rate1, -long and resume-timeout-psi30-batch,
     * recorded 2026-12-07; X and Y differ per run); 22.05 and 24.11 log no such line.
     */
    boolean newSluidOnRequeue() {
        return version == SlurmVersion.V26_05;
    }

    /** When a job waiting for node resumes leaves the power-save thread's list (resume-job-list). */
    ResumeJobRelease resumeJobRelease() {
        return version == SlurmVersion.V22_05 ? ResumeJobRelease.LATER_SCAN : ResumeJobRelease.LAST_RESUME;
    }

    /** The info line for a node that missed its ResumeTimeout. */
    String resumeTimeoutLine(String node, long resumeTimeout) {
        String head = "node " + node + " not resumed by ResumeTimeout(" + resumeTimeout + ")";
        return powerLog == PowerLog.WITH_PID ? head + " - marking down and power_save"
                : head + ", setting DOWN and POWERED_DOWN";
    }

    private static String verb(HookKind kind) {
        return switch (kind) {
            case RESUME -> "waking";
            case SUSPEND -> "suspending";
            case RESUME_FAIL -> "handle failed";
        };
    }

    private static String action(HookKind kind) {
        return switch (kind) {
            case RESUME -> "__resumeprog__";
            case SUSPEND -> "__suspendprog__";
            case RESUME_FAIL -> "__resumefailprog__";
        };
    }
}
