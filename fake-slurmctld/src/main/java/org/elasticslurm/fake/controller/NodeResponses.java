package org.elasticslurm.fake.controller;

/**
 * What slurmctld concludes when a node's slurmd answers any message of its agent (node_did_resp: pings,
 * REQUEST_TERMINATE_JOB ...), and the two boot-time waits that make it ignore a node (waiting_for_node_boot,
 * waiting_for_node_power_down).
 */
final class NodeResponses {

    private final NodeTable nodes;
    private final ControllerLog log;
    private final SlurmClock clock;
    private ControllerSettings settings;

    NodeResponses(NodeTable nodes, ControllerLog log, SlurmClock clock, ControllerSettings settings) {
        this.nodes = nodes;
        this.log = log;
        this.clock = clock;
        this.settings = settings;
    }

    void reconfigure(ControllerSettings newSettings) {
        this.settings = newSettings;
    }

    /** waiting_for_node_boot: a powering-up node's slurmd must have booted after the resume request. */
    boolean waitingForBoot(NodeRecord n) {
        if ((n.is(NodeState.POWERING_UP) || n.is(NodeState.REBOOT_ISSUED)) && n.bootTime < n.bootReqTime) {
            log.debug("Still waiting for boot of node " + n.name);
            return true;
        }
        return false;
    }

    /** waiting_for_node_power_down (global SuspendTimeout, as in 22.05). */
    boolean waitingForPowerDown(NodeRecord n) {
        if (n.is(NodeState.POWERING_DOWN) && n.powerSaveReqTime != 0
                && n.bootTime < n.powerSaveReqTime + settings.suspendTimeout()) {
            log.debug("Still waiting for node '" + n.name + "' to power off");
            return true;
        }
        return false;
    }

    /** _node_did_resp. */
    void didRespond(NodeRecord n) {
        if (waitingForBoot(n) || waitingForPowerDown(n) || n.isFuture()) {
            return;
        }
        long now = clock.now();
        n.lastResponse = now;
        if (n.is(NodeState.NO_RESPOND) || n.is(NodeState.POWERING_UP)) {
            log.info("Node " + n.name + " now responding");
            n.clear(NodeState.NO_RESPOND | NodeState.POWERING_UP | NodeState.MAINT);
            nodes.touch(now);
        }
        if (n.isUnknown()) {
            n.setLastBusy(now);
            n.setBase(n.runJobCnt > 0 ? NodeState.ALLOCATED : NodeState.IDLE);
            nodes.touch(now);
        }
        int rts = settings.returnToService();
        if (n.isDown() && !n.is(NodeState.INVALID_REG)
                && (rts == 2 || n.bootReqTime != 0 || (rts == 1 && "Not responding".equals(n.reason)))) {
            n.setLastBusy(now);
            n.setBase(NodeState.IDLE);
            log.info("node_did_resp: node " + n.name + " returned to service");
            nodes.touch(now);
        }
        if (n.isDown() || n.is(NodeState.DRAIN) || n.is(NodeState.FAIL)
                || (n.is(NodeState.POWER_DOWN) && !n.isAllocated())) {
            nodes.setAvail(n, false);
        } else {
            nodes.setAvail(n, true);
        }
    }
}
