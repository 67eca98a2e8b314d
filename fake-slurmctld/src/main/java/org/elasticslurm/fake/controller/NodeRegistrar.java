package org.elasticslurm.fake.controller;

import java.util.Locale;
import java.util.Optional;

/**
 * What slurmctld does with a slurmd registration ({@code validate_jobs_on_node} and {@code validate_node_specs}):
 * the boot-time test while a node powers up or down, "Node X now responding", ReturnToService, unexpected
 * reboots and the resource checks.
 */
final class NodeRegistrar {

    private static final double DEFAULT_NODE_REG_MEM_PERCENT = 100.0;
    private static final double DEFAULT_CLOUD_REG_MEM_PERCENT = 90.0;

    private final NodeTable nodes;
    private final NodeOps ops;
    private final JobManager jobs;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final NodeResponses responses;
    private ControllerSettings settings;
    private final SlurmBehaviour behaviour;

    NodeRegistrar(NodeTable nodes, NodeOps ops, JobManager jobs, ControllerLog log, SlurmClock clock,
                  NodeResponses responses, ControllerSettings settings, SlurmBehaviour behaviour) {
        this.nodes = nodes;
        this.responses = responses;
        this.ops = ops;
        this.jobs = jobs;
        this.log = log;
        this.clock = clock;
        this.settings = settings;
        this.behaviour = behaviour;
    }

    void reconfigure(ControllerSettings newSettings) {
        this.settings = newSettings;
    }

    CommandResult register(SlurmdRegistration reg) {
        Optional<NodeRecord> found = nodes.find(reg.nodeName());
        if (found.isEmpty()) {
            log.error("slurmd registered on unknown node " + reg.nodeName());
            log.error("_slurm_rpc_node_registration node=" + reg.nodeName() + ": "
                    + SlurmError.INVALID_NODE_NAME.message());
            return CommandResult.failed(SlurmError.INVALID_NODE_NAME);
        }
        NodeRecord n = found.get();
        long now = clock.now();

        // validate_jobs_on_node
        if (n.upTime > reg.upTimeSeconds()) {
            log.verbose("Node " + n.name + " rebooted " + reg.upTimeSeconds() + " secs ago");
        }
        if (reg.upTimeSeconds() <= now) {
            n.upTime = reg.upTimeSeconds();
            n.bootTime = now - reg.upTimeSeconds();
            n.slurmdStartTime = reg.slurmdStartTime().getEpochSecond();
        } else {
            log.error("Node up_time is invalid: " + reg.upTimeSeconds() + ">" + now);
        }
        boolean waiting = responses.waitingForBoot(n) || responses.waitingForPowerDown(n);
        int jobCount = n.runJobCnt + n.compJobCnt;

        // validate_node_specs (called after validate_jobs_on_node, which skipped its job checks when waiting)
        if (waiting && (responses.waitingForBoot(n) || responses.waitingForPowerDown(n))) {
            return CommandResult.OK;
        }
        boolean origAvail = nodes.avail.get(n.index);
        nodes.setBooting(n, false);

        String reasonDown = null;
        if (reg.cpus() < n.cpus) {
            log.debug("Node " + n.name + " has low cpu count (" + reg.cpus() + " < " + n.cpus + ")");
            reasonDown = "Low CPUs";
        }
        double memPercent = settings.nodeRegMemPercent().isPresent()
                ? settings.nodeRegMemPercent().getAsDouble()
                : (n.is(NodeState.CLOUD) ? DEFAULT_CLOUD_REG_MEM_PERCENT : DEFAULT_NODE_REG_MEM_PERCENT);
        if (n.realMemory > 0 && ((double) reg.realMemoryMb() / n.realMemory) * 100 < memPercent) {
            String percent = String.format(Locale.ROOT, "%.2f", memPercent);
            log.debug("Node " + n.name + " has low real_memory size (" + reg.realMemoryMb() + " / " + n.realMemory
                    + ") < " + percent + "%");
            String low = "Low RealMemory (reported:" + reg.realMemoryMb() + " < " + percent + "% of configured:"
                    + n.realMemory + ")";
            reasonDown = reasonDown == null ? low : reasonDown + ", " + low;
        }

        if (n.cpuLoad != reg.cpuLoad()) {
            n.cpuLoad = reg.cpuLoad();
            n.cpuLoadTime = now;
            nodes.touch(now);
        }
        if (n.freeMem != reg.freeMemMb()) {
            n.freeMem = reg.freeMemMb();
            n.freeMemTime = now;
            nodes.touch(now);
        }

        boolean wasPoweringUp = false;
        if (n.is(NodeState.NO_RESPOND) || n.is(NodeState.POWERING_UP) || n.is(NodeState.POWERING_DOWN)
                || n.is(NodeState.POWERED_DOWN)) {
            log.info("Node " + n.name + " now responding");
            if (n.is(NodeState.POWERING_UP) || n.is(NodeState.POWERED_DOWN)) {
                n.setLastBusy(now);
            }
            if (n.is(NodeState.POWERING_UP)) {
                n.lastResponse = now;
                wasPoweringUp = true;
                if (behaviour.logsInstanceOnPowerUp()) {
                    log.power(() -> "Node " + n.name + "/" + reg.hostname() + "/" + n.commName
                            + " powered up with instance_id=, instance_type=");
                }
            }
            n.clear(NodeState.NO_RESPOND | NodeState.POWERING_UP | NodeState.POWERED_DOWN
                    | NodeState.POWERING_DOWN | NodeState.MAINT);
            nodes.setPower(n, false);
            nodes.touch(now);
        }

        boolean wasInvalid = n.is(NodeState.INVALID_REG);
        n.clear(NodeState.INVALID_REG);

        if (reasonDown != null) {
            n.set(NodeState.INVALID_REG);
            if (!wasInvalid) {
                log.error("Setting node " + n.name + " state to INVAL with reason:" + reasonDown);
                if (wasPoweringUp) {
                    jobs.killRunningJobsOnNode(n);
                }
            }
            if (!n.isDown() && !n.is(NodeState.DRAIN) && !n.is(NodeState.FAIL)) {
                ops.drain(n, reasonDown);
            }
            nodes.touch(now);
        } else {
            int rts = settings.returnToService();
            if (n.isUnknown() || n.isFuture()) {
                log.debug("validate_node_specs: node " + n.name + " registered with " + jobCount + " jobs");
                if (jobCount > 0) {
                    n.setBase(NodeState.ALLOCATED);
                } else {
                    n.setBase(NodeState.IDLE);
                    n.setLastBusy(now);
                }
                nodes.touch(now);
            } else if (n.isDown() && (rts == 2 || n.is(NodeState.REBOOT_ISSUED)
                    || (rts == 1 && "Not responding".equals(n.reason) && n.bootTime < n.lastResponse))) {
                n.clear(NodeState.REBOOT_ISSUED);
                if (jobCount > 0) {
                    n.setBase(NodeState.ALLOCATED);
                } else {
                    n.setBase(NodeState.IDLE);
                    n.setLastBusy(now);
                }
                log.info("node " + n.name + " returned to service");
                nodes.touch(now);
            } else if (n.lastResponse != 0 && n.bootTime > n.lastResponse && rts != 2) {
                if (n.reason == null || "Not responding".equals(n.reason)) {
                    n.reason = "Node unexpectedly rebooted";
                    n.reasonTime = now;
                }
                log.info("validate_node_specs: Node " + n.name + " unexpectedly rebooted boot_time=" + n.bootTime
                        + " last response=" + n.lastResponse);
                ops.makeDown(n);
                jobs.killRunningJobsOnNode(n);
                nodes.touch(now);
                jobCount = 0;
            } else if (n.isAllocated() && jobCount == 0) {
                n.setBase(NodeState.IDLE);
                n.setLastBusy(now);
                nodes.touch(now);
            } else if (n.is(NodeState.COMPLETING) && jobCount == 0) {
                n.clear(NodeState.COMPLETING);
                nodes.setCompleting(n, false);
                nodes.touch(now);
            } else if (n.isIdle() && jobCount != 0) {
                if (n.runJobCnt != 0) {
                    n.setBase(NodeState.ALLOCATED);
                    log.error("Invalid state for node " + n.name + ", was IDLE with " + jobCount + " running jobs");
                }
                if (n.compJobCnt != 0) {
                    n.set(NodeState.COMPLETING);
                    nodes.setCompleting(n, true);
                }
                nodes.touch(now);
            }
            nodes.syncBitmaps(n);
        }

        n.lastResponse = now;
        n.bootReqTime = 0;
        n.powerSaveReqTime = 0;
        boolean newlyUp = !origAvail && nodes.avail.get(n.index);
        if (reasonDown == null && n.is(NodeState.CLOUD) && settings.cloudRegAddrs()) {
            ops.setCommName(n, reg.peerAddress().orElse(reg.hostname()), reg.hostname());
        }
        if (newlyUp) {
            jobs.requestSchedule();
        }
        return CommandResult.OK;
    }
}
