package org.elasticslurm.fake.controller;

/**
 * The node-state helpers of node_mgr.c that jobs and the power-save logic share: allocating a node to a job,
 * releasing it, draining it and marking it down.
 */
final class NodeOps {

    private final NodeTable nodes;
    private final ControllerLog log;
    private final SlurmClock clock;

    NodeOps(NodeTable nodes, ControllerLog log, SlurmClock clock) {
        this.nodes = nodes;
        this.log = log;
        this.clock = clock;
    }

    /** make_node_alloc: base ALLOCATED (flags kept), reason cleared. */
    void makeAlloc(NodeRecord n) {
        n.runJobCnt++;
        n.allocCpus++;
        nodes.syncCpus(n);
        n.setBase(NodeState.ALLOCATED);
        n.reason = null;
        n.reasonTime = 0;
        nodes.touch(clock.now());
    }

    /**
     * make_node_comp: the job on this node is completing. Returns whether the node waits for an epilog
     * (it does unless it is DOWN, POWERED_DOWN or POWERING_UP).
     */
    boolean makeComp(NodeRecord n) {
        long now = clock.now();
        if (n.runJobCnt > 0) {
            n.runJobCnt--;
        } else {
            log.error("make_node_comp: node " + n.name + " run_job_cnt underflow");
        }
        boolean epilog = false;
        if (!n.isDown() && !n.is(NodeState.POWERED_DOWN) && !n.is(NodeState.POWERING_UP)) {
            n.compJobCnt++;
            n.set(NodeState.COMPLETING);
            nodes.setCompleting(n, true);
            epilog = true;
        } else {
            releaseCpu(n);
        }
        if (n.runJobCnt == 0 && n.compJobCnt == 0) {
            n.setLastBusy(now);
        }
        if (!n.isDown()) {
            if (n.runJobCnt > 0) {
                n.setBase(NodeState.ALLOCATED);
            } else {
                n.setBase(NodeState.IDLE);
                n.setLastBusy(now);
            }
        }
        nodes.touch(now);
        return epilog;
    }

    /** make_node_idle: the epilog of a job ended on this node. */
    void makeIdle(NodeRecord n) {
        long now = clock.now();
        if (n.compJobCnt > 0) {
            n.compJobCnt--;
            releaseCpu(n);
        } else if (!n.isDown()) {
            log.error("make_node_idle: node " + n.name + " comp_job_cnt underflow");
        }
        if (n.compJobCnt == 0) {
            n.clear(NodeState.COMPLETING);
            nodes.setCompleting(n, false);
        }
        if (n.isDown() || n.isFuture()) {
            nodes.touch(now);
            return;
        }
        boolean unusable = n.is(NodeState.DRAIN) || n.is(NodeState.FAIL) || n.is(NodeState.NO_RESPOND);
        if (unusable) {
            nodes.setAvail(n, false);
        } else {
            nodes.makeAvail(n);
        }
        if ((n.is(NodeState.DRAIN) || n.is(NodeState.FAIL)) && n.runJobCnt == 0 && n.compJobCnt == 0) {
            n.setBase(NodeState.IDLE);
            n.setLastBusy(now);
        } else if (n.runJobCnt > 0) {
            n.setBase(NodeState.ALLOCATED);
        } else {
            n.setBase(NodeState.IDLE);
            n.setLastBusy(now);
        }
        if (n.isIdle() && n.is(NodeState.POWER_DOWN)) {
            nodes.setAvail(n, false);
        }
        nodes.touch(now);
    }

    /** _make_node_down: base DOWN, flags kept, not available. */
    void makeDown(NodeRecord n) {
        nodes.makeUnavail(n);
        n.setBase(NodeState.DOWN);
        nodes.touch(clock.now());
    }

    /** _drain_node. */
    void drain(NodeRecord n, String reason) {
        if (n.is(NodeState.DRAIN)) {
            return;
        }
        n.set(NodeState.DRAIN);
        nodes.setAvail(n, false);
        log.info("drain_nodes: node " + n.name + " state set to DRAIN");
        if (n.reason == null || n.reason.startsWith("Not responding")) {
            n.reason = reason;
            n.reasonTime = clock.now();
        }
    }

    /** Sets the reason as set_node_down_ptr does: only over no reason or "Not responding". */
    void setDownReason(NodeRecord n, String reason) {
        if (n.reason == null || n.reason.startsWith("Not responding")) {
            n.reason = reason;
            n.reasonTime = reason == null ? 0 : clock.now();
        }
    }

    /** set_node_comm_name. */
    void setCommName(NodeRecord n, String commName, String hostname) {
        n.commName = commName;
        n.hostname = hostname;
    }

    private void releaseCpu(NodeRecord n) {
        if (n.allocCpus > 0) {
            n.allocCpus--;
        }
        nodes.syncCpus(n);
    }
}
