package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * ping_nodes and the answers to it (node_did_resp, reset_node_load, node_not_resp): nodes that are up are pinged
 * every SlurmdTimeout/3 and marked DOWN "Not responding" when they stay silent; powered-down, powering-up and
 * powering-down nodes are never pinged. A ping answer is a node change, so it also prompts a power-save scan.
 */
final class NodePinger {

    private final NodeTable nodes;
    private final NodeResponses responses;
    private final JobManager jobs;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final Scheduler scheduler;
    private final SlurmdChannel slurmds;
    private ControllerSettings settings;

    private boolean restart = true;
    private int offset;
    private long lastPingTime;
    private long lastPingTimeout;
    private int outstanding;
    private boolean pingNow;

    NodePinger(NodeTable nodes, NodeResponses responses, JobManager jobs, ControllerLog log, SlurmClock clock,
               Scheduler scheduler, SlurmdChannel slurmds, ControllerSettings settings) {
        this.nodes = nodes;
        this.responses = responses;
        this.jobs = jobs;
        this.log = log;
        this.clock = clock;
        this.scheduler = scheduler;
        this.slurmds = slurmds;
        this.settings = settings;
    }

    void reconfigure(ControllerSettings newSettings) {
        this.settings = newSettings;
    }

    /** ping_nodes_now = true. */
    void requestPingNow() {
        pingNow = true;
    }

    boolean pingRequested() {
        return pingNow;
    }

    /** is_ping_done. */
    boolean done() {
        return outstanding == 0;
    }

    int interval() {
        return settings.slurmdTimeout() > 0 ? settings.slurmdTimeout() / 3 : 100;
    }

    void ping(long now) {
        pingNow = false;
        int slurmdTimeout = settings.slurmdTimeout();
        long nodeDeadTime = (lastPingTimeout == 0 || lastPingTime == 0) ? 0 : lastPingTime - lastPingTimeout;
        long stillLiveTime = now - slurmdTimeout / 3;
        long oldLoadTime = now - slurmdTimeout;
        lastPingTime = now;
        lastPingTimeout = slurmdTimeout;
        int maxRegThreads = Math.max(settings.treeWidth(), 1);
        offset += maxRegThreads;
        if (offset > nodes.size() && offset >= maxRegThreads * ControllerSettings.MAX_REG_FREQUENCY) {
            offset = 0;
        }
        List<NodeRecord> pings = new ArrayList<>();
        List<NodeRecord> registrations = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (NodeRecord n : nodes.array()) {
            if (n.isFuture() || n.is(NodeState.POWERED_DOWN) || n.is(NodeState.POWERING_DOWN)
                    || n.is(NodeState.POWERING_UP) || n.is(NodeState.INVALID_REG)
                    || n.is(NodeState.REBOOT_ISSUED)) {
                continue;
            }
            if (slurmdTimeout == 0 && !restart && !n.isUnknown() && !n.is(NodeState.NO_RESPOND)) {
                continue;
            }
            if (n.lastResponse != 0 && n.lastResponse <= nodeDeadTime && !n.isDown()) {
                down.add(n.name);
                jobs.setNodeDown(n, "Not responding");
                n.notResponding = false;
                continue;
            }
            if (n.isUnknown() || n.bootTime == 0 || (n.index >= offset && n.index < offset + maxRegThreads)) {
                registrations.add(n);
                continue;
            }
            if (!n.is(NodeState.NO_RESPOND) && n.lastResponse >= stillLiveTime && n.cpuLoadTime >= oldLoadTime
                    && n.freeMemTime >= oldLoadTime) {
                continue;
            }
            if (n.is(NodeState.NO_RESPOND) && n.isDown()) {
                continue;
            }
            pings.add(n);
        }
        restart = false;
        if (!pings.isEmpty()) {
            log.debug(() -> "Spawning ping agent for " + Hostlist.of(NodeTable.names(pings)).compress());
            for (NodeRecord n : pings) {
                outstanding++;
                String name = n.name;
                slurmds.ping(name, reply -> scheduler.execute(() -> pingAnswered(name, now, reply)));
            }
        }
        if (!registrations.isEmpty()) {
            log.debug(() -> "Spawning registration agent for " + Hostlist.of(NodeTable.names(registrations))
                    .compress() + " " + registrations.size() + " hosts");
            for (NodeRecord n : registrations) {
                outstanding++;
                String name = n.name;
                slurmds.requestRegistration(name, ok -> scheduler.execute(() -> registrationAnswered(name, now, ok)));
            }
        }
        if (!down.isEmpty()) {
            log.error("Nodes " + Hostlist.of(down).compress() + " not responding, setting DOWN");
        }
    }

    private void pingAnswered(String name, long sentAt, Optional<PingReply> reply) {
        outstanding--;
        Optional<NodeRecord> n = nodes.find(name);
        if (n.isEmpty()) {
            return;
        }
        if (reply.isPresent()) {
            responses.didRespond(n.get());
            long now = clock.now();
            n.get().cpuLoad = reply.get().cpuLoad();
            n.get().cpuLoadTime = now;
            n.get().freeMem = reply.get().freeMemMb();
            n.get().freeMemTime = now;
            nodes.touch(now);
        } else {
            notResponding(n.get(), sentAt);
        }
    }

    private void registrationAnswered(String name, long sentAt, boolean delivered) {
        outstanding--;
        if (!delivered) {
            nodes.find(name).ifPresent(n -> notResponding(n, sentAt));
        }
    }

    /** node_not_resp for a message that got no answer at all (RESPONSE_FORWARD_FAILED). */
    private void notResponding(NodeRecord n, long sentAt) {
        if (!n.isDown()) {
            n.notResponding = true;
        }
        if (n.is(NodeState.NO_RESPOND) || n.is(NodeState.POWERING_DOWN) || n.is(NodeState.POWERED_DOWN)) {
            return;
        }
        if (n.lastResponse >= sentAt) {
            log.debug("node_not_resp: node " + n.name + " responded since msg sent");
            return;
        }
        n.set(NodeState.NO_RESPOND);
        nodes.touch(clock.now());
        nodes.setAvail(n, false);
    }

    /** node_no_resp_msg. */
    void reportNotResponding() {
        List<String> names = new ArrayList<>();
        for (NodeRecord n : nodes.array()) {
            if (!n.notResponding || n.is(NodeState.POWERED_DOWN) || n.is(NodeState.POWERING_DOWN)
                    || n.is(NodeState.POWERING_UP)) {
                continue;
            }
            names.add(n.name);
            n.notResponding = false;
        }
        if (!names.isEmpty()) {
            log.error("Nodes " + Hostlist.of(names).compress() + " not responding");
        }
    }
}
