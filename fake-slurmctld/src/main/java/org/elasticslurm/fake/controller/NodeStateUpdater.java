package org.elasticslurm.fake.controller;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.HostlistException;

/**
 * {@code scontrol update} for nodes as 22.05's {@code update_node} applies it: addresses, reason, and the state
 * requests with {@code _valid_node_state_change}'s rules and the real log lines.
 */
final class NodeStateUpdater {

    private final NodeTable nodes;
    private final NodeOps ops;
    private final JobManager jobs;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final BooleanSupplier powerSaveOn;
    private final SlurmBehaviour behaviour;
    private final Runnable pingNow;
    private boolean cloudRegAddrs;

    NodeStateUpdater(NodeTable nodes, NodeOps ops, JobManager jobs, ControllerLog log, SlurmClock clock,
                     BooleanSupplier powerSaveOn, SlurmBehaviour behaviour, Runnable pingNow, boolean cloudRegAddrs) {
        this.nodes = nodes;
        this.ops = ops;
        this.jobs = jobs;
        this.log = log;
        this.clock = clock;
        this.powerSaveOn = powerSaveOn;
        this.behaviour = behaviour;
        this.pingNow = pingNow;
        this.cloudRegAddrs = cloudRegAddrs;
    }

    void reconfigure(boolean newCloudRegAddrs) {
        this.cloudRegAddrs = newCloudRegAddrs;
    }

    CommandResult update(NodeUpdate update) {
        long now = clock.now();
        List<String> names;
        try {
            names = Hostlist.parse(update.nodeNames()).names();
        } catch (HostlistException e) {
            return CommandResult.failed(SlurmError.INVALID_NODE_NAME);
        }
        if (names.isEmpty()) {
            log.info("update_node: expansion of node specification '" + update.nodeNames()
                    + "' resulted in zero nodes");
            return CommandResult.failed(SlurmError.INVALID_NODE_NAME);
        }
        if (update.nodeAddr().isEmpty() && update.nodeHostname().isEmpty()) {
            names = names.stream().distinct().toList();
        }
        Optional<List<String>> addrs = list(update.nodeAddr(), names.size());
        if (addrs == null) {
            return CommandResult.failed(SlurmError.INVALID_NODE_NAME);
        }
        Optional<List<String>> hostnames = list(update.nodeHostname(), names.size());
        if (hostnames == null) {
            return CommandResult.failed(SlurmError.INVALID_NODE_NAME);
        }

        SlurmError error = null;
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            Optional<NodeRecord> found = nodes.find(name);
            if (found.isEmpty()) {
                log.error("update_node: node " + name + " does not exist");
                error = SlurmError.INVALID_NODE_NAME;
                break;
            }
            NodeRecord n = found.get();
            if (addrs.isPresent()) {
                n.commName = addrs.get().get(k);
            }
            if (hostnames.isPresent()) {
                n.hostname = hostnames.get().get(k);
            }
            Integer stateVal = update.state().map(NodeStateRequest::stateWord).orElse(null);
            String reason = update.reason().orElse(null);
            if (equivalent(n, stateVal) && java.util.Objects.equals(n.reason, reason)) {
                continue;
            }
            if (reason != null && !reason.isEmpty()) {
                n.reason = reason;
                n.reasonTime = now;
                log.info("update_node: node " + name + " reason set to: " + reason);
            }
            if (stateVal == null) {
                continue;
            }
            if (isPowerWork(stateVal) && !powerSaveOn.getAsBoolean() && behaviour.refusesPowerWorkAsPowerAction()) {
                log.error("Invalid power action (default) for nodes " + name);
                error = SlurmError.INVALID_POWER_ACTION;
                continue;
            }
            if (!validChange(n.state(), stateVal)) {
                log.info("Invalid node state transition requested for node " + name + " from="
                        + NodeState.longName(n.state()) + " to=" + NodeState.requestName(stateVal));
                error = SlurmError.INVALID_NODE_STATE;
                continue;
            }
            SlurmError e = apply(n, stateVal, now);
            if (e != null) {
                error = e;
            }
        }
        nodes.touch(now);
        return error == null ? CommandResult.OK : CommandResult.failed(error);
    }

    /** Splits NodeAddr/NodeHostname; null when it is malformed or its count differs (nothing is applied). */
    private Optional<List<String>> list(Optional<String> value, int count) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        List<String> entries;
        try {
            entries = Hostlist.parse(value.get()).names();
        } catch (HostlistException e) {
            log.info("update_node: hostlist_create error on " + value.get() + ": " + e.getMessage());
            return null;
        }
        if (entries.size() != count) {
            log.info("update_node: nodecount mismatch");
            return null;
        }
        return Optional.of(entries);
    }

    /** _equivalent_node_state. */
    private static boolean equivalent(NodeRecord n, Integer stateVal) {
        if (stateVal == null) {
            return true;
        }
        return (stateVal == NodeState.DOWN && n.isDown())
                || (stateVal == NodeState.DRAIN && n.is(NodeState.DRAIN))
                || (stateVal == NodeState.FAIL && n.is(NodeState.FAIL));
    }

    /** POWER_UP, POWER_DOWN and its _ASAP/_FORCE forms: work the power-save module does. */
    private static boolean isPowerWork(int requested) {
        return requested == NodeState.POWER_DOWN || requested == NodeState.POWER_UP
                || requested == (NodeState.POWER_DOWN | NodeState.POWER_UP)
                || requested == (NodeState.POWER_DOWN | NodeState.POWERED_DOWN)
                || requested == (NodeState.POWER_DOWN | NodeState.POWER_DRAIN);
    }

    /** _valid_node_state_change. */
    private boolean validChange(int old, int requested) {
        if (old == requested) {
            return true;
        }
        int base = old & NodeState.BASE;
        int flags = old & NodeState.FLAGS;
        if (requested == NodeState.DOWN || requested == NodeState.DRAIN || requested == NodeState.FAIL
                || requested == NodeState.NO_RESPOND) {
            return true;
        }
        if (requested == NodeState.UNDRAIN) {
            return (flags & NodeState.INVALID_REG) == 0;
        }
        if (isPowerWork(requested)) {
            if (powerSaveOn.getAsBoolean()) {
                return true;
            }
            log.info("attempt to do power work on node but PowerSave is disabled");
            return false;
        }
        if (requested == NodeState.RESUME) {
            if ((flags & NodeState.POWERING_DOWN) != 0) {
                return true;
            }
            if ((flags & NodeState.INVALID_REG) != 0) {
                return false;
            }
            return base == NodeState.DOWN || base == NodeState.FUTURE || (flags & NodeState.DRAIN) != 0
                    || (flags & NodeState.FAIL) != 0 || (flags & NodeState.REBOOT_REQUESTED) != 0;
        }
        if (requested == NodeState.REBOOT_CANCEL) {
            return (flags & NodeState.REBOOT_REQUESTED) != 0;
        }
        if (requested == NodeState.FUTURE) {
            return base == NodeState.DOWN || base == NodeState.IDLE;
        }
        if (requested == NodeState.IDLE) {
            return (flags & NodeState.INVALID_REG) == 0 && (base == NodeState.DOWN || base == NodeState.IDLE);
        }
        if (requested == NodeState.ALLOCATED) {
            return base == NodeState.ALLOCATED;
        }
        return false;
    }

    /** The body of update_node for one node whose requested state passed the check; returns an error or null. */
    private SlurmError apply(NodeRecord n, int requested, long now) {
        int stateVal = requested;
        int baseState = n.base();
        int nodeFlags = n.state() & NodeState.FLAGS;
        if (stateVal == NodeState.RESUME) {
            n.clear(NodeState.DRAIN | NodeState.FAIL | NodeState.REBOOT_REQUESTED | NodeState.REBOOT_ISSUED);
            if (n.is(NodeState.POWERING_DOWN)) {
                n.clear(NodeState.INVALID_REG | NodeState.POWERING_DOWN);
                n.set(NodeState.POWERED_DOWN);
                if (n.is(NodeState.CLOUD) && cloudRegAddrs) {
                    ops.setCommName(n, n.name, n.name);
                }
                n.powerSaveReqTime = 0;
            }
            if (n.isDown()) {
                stateVal = NodeState.IDLE;
                requireNodeReg(n, now);
            } else if (n.isFuture()) {
                stateVal = NodeState.IDLE;
                requireNodeReg(n, now);
            } else if ((nodeFlags & NodeState.DRAIN) != 0) {
                stateVal = baseState;
                requireNodeReg(n, now);
            } else {
                stateVal = baseState;
            }
        } else if (stateVal == NodeState.UNDRAIN) {
            n.clear(NodeState.DRAIN);
            requireNodeReg(n, now);
            stateVal = baseState;
        }

        if (stateVal == NodeState.DOWN || stateVal == NodeState.FUTURE) {
            ops.makeDown(n);
            jobs.killRunningJobsOnNode(n);
            if (stateVal == NodeState.FUTURE) {
                n.setState(NodeState.FUTURE);
            }
        } else if (stateVal == NodeState.IDLE) {
            n.clear(NodeState.DRAIN | NodeState.FAIL);
            if (!n.is(NodeState.NO_RESPOND) || n.is(NodeState.POWERED_DOWN)) {
                nodes.makeAvail(n);
            }
            n.setLastBusy(n.is(NodeState.POWERED_DOWN) ? 0 : now);
        } else if (stateVal == NodeState.ALLOCATED) {
            if (!n.is(NodeState.DRAIN) && !n.is(NodeState.FAIL) && !n.is(NodeState.NO_RESPOND)) {
                nodes.makeAvail(n);
            }
        } else if (stateVal == NodeState.DRAIN || stateVal == NodeState.FAIL) {
            if ((n.isAllocated() || n.base() == NodeState.MIXED)
                    && (n.is(NodeState.POWERED_DOWN) || n.is(NodeState.POWERING_UP))) {
                log.info("update_node: DRAIN/FAIL request for node " + n.name
                        + " which is allocated and being powered up. Requeuing jobs");
                jobs.killRunningJobsOnNode(n);
            }
            nodes.setAvail(n, false);
            n.clear(NodeState.DRAIN | NodeState.FAIL);
            n.set(stateVal);
            stateVal = n.state();
        } else if ((stateVal & NodeState.POWER_DOWN) != 0) {
            powerDown(n, stateVal);
            return null;
        } else if (stateVal == NodeState.POWER_UP) {
            powerUp(n);
            return null;
        } else if (stateVal == NodeState.NO_RESPOND) {
            n.set(NodeState.NO_RESPOND);
            stateVal = baseState;
            nodes.setAvail(n, false);
        } else if (stateVal == NodeState.REBOOT_CANCEL) {
            if (!n.is(NodeState.REBOOT_ISSUED)) {
                n.clear(NodeState.REBOOT_REQUESTED);
                stateVal = baseState;
            } else {
                log.info("REBOOT on node " + n.name + " already in progress -- unable to cancel");
                return SlurmError.INVALID_NODE_STATE;
            }
        } else {
            log.info("Invalid node state specified " + Integer.toUnsignedString(stateVal));
            return SlurmError.INVALID_NODE_STATE;
        }
        n.setState(stateVal | (n.state() & NodeState.FLAGS));
        log.info("update_node: node " + n.name + " state set to " + NodeState.requestName(stateVal));
        return null;
    }

    private void powerDown(NodeRecord n, int stateVal) {
        if (n.is(NodeState.REBOOT_REQUESTED) || n.is(NodeState.REBOOT_ISSUED)) {
            if (n.is(NodeState.REBOOT_ISSUED) && n.isDown()) {
                n.setBase(NodeState.IDLE);
            }
            n.clear(NodeState.REBOOT_REQUESTED | NodeState.REBOOT_ISSUED);
            n.reason = null;
            log.info("Canceling REBOOT on node " + n.name);
        }
        if (n.is(NodeState.POWERING_DOWN)) {
            log.info("ignoring power down request for node " + n.name + ", already powering down");
            return;
        }
        if ((stateVal & NodeState.POWERED_DOWN) != 0) {
            nodes.makeUnavail(n);
            jobs.killRunningJobsOnNode(n);
            n.clear(NodeState.POWERING_UP);
        } else if ((stateVal & NodeState.POWER_DRAIN) != 0) {
            ops.drain(n, "POWER_DOWN_ASAP");
        }
        if (n.isDown()) {
            n.clear(NodeState.POWERING_UP);
        }
        if (n.is(NodeState.POWERED_DOWN)) {
            log.info("power down request repeating for node " + n.name);
            n.clear(NodeState.POWERED_DOWN);
        } else {
            log.info("powering down node " + n.name);
        }
        n.set(NodeState.POWER_DOWN);
        if (n.isIdle()) {
            nodes.setAvail(n, false);
        }
    }

    private void powerUp(NodeRecord n) {
        if (!n.is(NodeState.POWERED_DOWN)) {
            if (n.is(NodeState.POWERING_UP)) {
                n.set(NodeState.POWERED_DOWN | NodeState.POWER_UP);
                log.info("power up request repeating for node " + n.name);
            } else {
                log.verbose("node " + n.name + " is already powered up");
            }
        } else {
            n.set(NodeState.POWER_UP);
            log.info("powering up node " + n.name);
        }
    }

    /** _require_node_reg. */
    private void requireNodeReg(NodeRecord n, long now) {
        n.set(NodeState.NO_RESPOND);
        n.lastResponse = now;
        n.bootTime = 0;
        pingNow.run();
    }
}
