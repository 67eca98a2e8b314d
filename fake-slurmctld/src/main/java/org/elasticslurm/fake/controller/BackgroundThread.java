package org.elasticslurm.fake.controller;

import java.util.function.BooleanSupplier;
import org.elasticslurm.fake.sim.EventHandle;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * slurmctld's {@code _slurmctld_background} loop, once a second: node pings, "not responding" reports, the
 * PERIODIC_TIMEOUT job checks (CONFIGURING jobs whose nodes came up), deferred batch launches, job purging and
 * the main scheduler.
 */
final class BackgroundThread {

    private final NodeTable nodes;
    private final JobManager jobs;
    private final NodePinger pinger;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final Scheduler scheduler;
    private final BooleanSupplier powerSaveOn;
    private final long tickOffsetMillis;
    private ControllerSettings settings;

    private long lastTimelimit;
    private long lastPurge;
    private long lastNoRespMsg;
    private long lastPingNodeTime;
    private EventHandle tick;
    private boolean stopped;

    BackgroundThread(NodeTable nodes, JobManager jobs, NodePinger pinger, ControllerLog log, SlurmClock clock,
                     Scheduler scheduler, BooleanSupplier powerSaveOn, ControllerSettings settings,
                     long tickOffsetMillis) {
        this.nodes = nodes;
        this.jobs = jobs;
        this.pinger = pinger;
        this.log = log;
        this.clock = clock;
        this.scheduler = scheduler;
        this.powerSaveOn = powerSaveOn;
        this.settings = settings;
        this.tickOffsetMillis = tickOffsetMillis;
    }

    void reconfigure(ControllerSettings newSettings) {
        this.settings = newSettings;
    }

    void start() {
        long now = clock.now();
        lastTimelimit = now;
        lastPurge = now;
        lastNoRespMsg = now;
        lastPingNodeTime = 0;
        jobs.startScheduling(now);
        tick = scheduler.schedule(scheduler.nowMillis() + tickOffsetMillis, EventOrder.BACKGROUND_TICK, this::tick);
    }

    void stop() {
        stopped = true;
        if (tick != null) {
            tick.cancel();
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long now = clock.now();
        int noRespInterval = log.enabled(LogLevel.DEBUG) ? 1 : (log.enabled(LogLevel.VERBOSE) ? 60 : 300);
        if (now - lastNoRespMsg >= noRespInterval) {
            lastNoRespMsg = now;
            pinger.reportNotResponding();
        }
        if (now - lastTimelimit >= ControllerSettings.PERIODIC_TIMEOUT) {
            lastTimelimit = now;
            log.debug2(() -> "Testing job time limits and checkpoints");
            jobs.jobTimeLimit(now);
            checkRebootNodes(now);
        }
        int pingInterval = pinger.interval();
        if (lastPingNodeTime == 0) {
            lastPingNodeTime = now + ControllerSettings.MIN_CHECKIN_TIME - pingInterval;
        }
        if ((now - lastPingNodeTime >= pingInterval || pinger.pingRequested()) && pinger.done()) {
            lastPingNodeTime = now;
            pinger.ping(now);
        }
        jobs.retryDeferredLaunches(now);
        if (now - lastPurge >= ControllerSettings.PURGE_JOB_INTERVAL) {
            lastPurge = now;
            jobs.purge(now);
        }
        jobs.scheduleIfDue(now);
        tick = scheduler.schedule(scheduler.nowMillis() + 1000, EventOrder.BACKGROUND_TICK, this::tick);
    }

    /**
     * check_reboot_nodes: with power saving off, a powering-up node that missed ResumeTimeout goes DOWN. (Reboots,
     * its other case, are not modelled, so there is nothing to do while power saving is on.)
     */
    private void checkRebootNodes(long now) {
        boolean powerSave = powerSaveOn.getAsBoolean();
        if (powerSave) {
            return;
        }
        for (NodeRecord n : nodes.array()) {
            if ((n.is(NodeState.REBOOT_ISSUED) || n.is(NodeState.POWERING_UP))
                    && n.bootReqTime != 0 && n.bootReqTime + settings.resumeTimeout() < now) {
                n.reason = "reboot timed out";
                n.reasonTime = now;
                n.clear(NodeState.POWERING_UP | NodeState.REBOOT_ISSUED | NodeState.DRAIN);
                n.bootReqTime = 0;
                jobs.setNodeDown(n, null);
            }
        }
    }
}
