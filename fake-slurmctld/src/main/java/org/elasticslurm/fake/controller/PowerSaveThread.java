package org.elasticslurm.fake.controller;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.hook.HookRunner;
import org.elasticslurm.fake.sim.EventHandle;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * slurmctld's power-save thread ({@code power_save.c}): wakes every second, reaps its programs and scans the nodes
 * when a node changed or power_save_interval passed ({@link ScanTrigger}). A scan ({@code _do_power_work}) wakes nodes
 * for jobs and POWER_UP requests, suspends idle nodes and POWER_DOWN requests, finishes SuspendTimeout and applies
 * ResumeTimeout within the rate limits ({@link PowerRateLimit}), then runs SuspendProgram, ResumeProgram and
 * ResumeFailProgram ({@link PowerSavePrograms}) once each with all their nodes. 22.05's thread; what later versions
 * change comes from {@link SlurmBehaviour}.
 */
final class PowerSaveThread {

    private final NodeTable nodes;
    private final ControllerLog log;
    private final SlurmClock clock;
    private final Scheduler scheduler;
    private final JobManager jobs;
    private final PowerSavePrograms programs;
    private final long tickOffsetMillis;
    private final SlurmBehaviour behaviour;
    private final LongSupplier monotonicMillis;

    private PowerRateLimit suspendCounter;
    private PowerRateLimit resumeCounter;
    private final SuspendExclusions exclusions = new SuspendExclusions();

    private PowerSaveConfig config;
    private long lastWorkScan;
    private long lastLog;
    private long lastPowerScan;
    private long updatesAtScan = -1;
    private boolean running;
    private boolean finishing;
    private int finiIteration;
    private boolean shutdownRequested;
    private Runnable onStopped;
    private EventHandle tick;
    private long scans;

    PowerSaveThread(NodeTable nodes, ControllerLog log, SlurmClock clock, Scheduler scheduler, JobManager jobs,
                    HookRunner hooks, HookEnvironment environment, Runnable onProgramSucceeded,
                    ControllerOptions options, SlurmBehaviour behaviour) {
        this.nodes = nodes;
        this.log = log;
        this.clock = clock;
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.programs = new PowerSavePrograms(log, clock, hooks, environment, onProgramSucceeded);
        this.tickOffsetMillis = options.powerTickOffset().toMillis();
        this.behaviour = behaviour;
        this.monotonicMillis = PowerRateLimit.monotonicClock(scheduler, options.monotonicStartMillis());
    }

    /** config_power_mgr + start_power_mgr: applies a (new) configuration and starts the thread if enabled. */
    void configure(PowerSaveConfig newConfig) {
        boolean wasEnabled = config != null && config.enabled();
        this.config = newConfig;
        suspendCounter = behaviour.rateLimitRule().create(newConfig.suspendRate(), newConfig, monotonicMillis);
        resumeCounter = behaviour.rateLimitRule().create(newConfig.resumeRate(), newConfig, monotonicMillis);
        lastWorkScan = 0;
        lastLog = 0;
        exclusions.clear();
        exclusions.keepStates(SuspendStateExclusion.read(newConfig, log));
        if (!newConfig.enabled() && wasEnabled) {
            log.info("power_save mode has been disabled due to configuration changes");
        }
        if (newConfig.enabled() && !running && !shutdownRequested) {
            running = true;
            finishing = false;
            lastPowerScan = 0;
            jobs.startResumeJobList();
            tick = scheduler.schedule(scheduler.nowMillis() + tickOffsetMillis, EventOrder.POWER_TICK, this::tick);
        }
    }

    boolean enabled() {
        return config != null && config.enabled();
    }

    boolean isRunning() {
        return running;
    }

    long scans() {
        return scans;
    }

    /**
     * Slurmctld shutdown: the thread ends after its current round, waiting up to min(max timeout, 10) s for its
     * programs, then calls {@code whenStopped}.
     */
    void shutdown(Runnable whenStopped) {
        shutdownRequested = true;
        if (!running) {
            whenStopped.run();
        } else {
            this.onStopped = whenStopped;
        }
    }

    private void tick() {
        if (finishing) {
            finiStep();
            return;
        }
        programs.reap(config.maxTimeout());
        if (!config.enabled()) {
            log.debug("power_save mode not enabled, stopping power_save thread");
            beginFini();
            return;
        }
        long now = clock.now();
        if (behaviour.scanTrigger().due(now, lastPowerScan, nodes.lastNodeUpdate(),
                nodes.updates() != updatesAtScan, config.minInterval(), config.interval())) {
            doPowerWork(now);
            lastPowerScan = now;
            updatesAtScan = nodes.updates();
        }
        for (String finding : programs.diagnose(scheduler.now())) {
            log.warning(finding);
        }
        if (shutdownRequested) {
            beginFini();
            return;
        }
        tick = scheduler.schedule(scheduler.nowMillis() + 1000, EventOrder.POWER_TICK, this::tick);
    }

    private void beginFini() {
        finishing = true;
        finiIteration = 0;
        exclusions.clear();
        finiStep();
    }

    /** _shutdown_power, one iteration per second. */
    private void finiStep() {
        programs.reap(config.maxTimeout());
        int count = programs.running();
        int shutdownTimeout = Math.min(config.maxTimeout(), 10);
        if (count == 0) {
            stopped();
            return;
        }
        if (finiIteration >= shutdownTimeout) {
            programs.orphanAll();
            stopped();
            return;
        } else if (finiIteration == 2) {
            log.info("power_save: waiting for " + count + " processes to complete");
        } else if (finiIteration % 5 == 0) {
            log.debug("power_save: waiting for " + count + " processes to complete");
        }
        finiIteration++;
        tick = scheduler.schedule(scheduler.nowMillis() + 1000, EventOrder.POWER_TICK, this::tick);
    }

    private void stopped() {
        running = false;
        finishing = false;
        tick = null;
        if (onStopped != null) {
            Runnable r = onStopped;
            onStopped = null;
            r.run();
        }
    }

    /** _do_power_work. */
    void doPowerWork(long now) {
        scans++;
        if (lastWorkScan == 0) {
            exclusions.parse(config.excNodes().orElse(null), config.excParts().orElse(null), nodes, log);
        }
        long delta = now - lastWorkScan;
        suspendCounter.startScan(delta);
        resumeCounter.startScan(delta);
        lastWorkScan = now;

        BitSet avoid = exclusions.avoid(nodes, log);

        ResumeRequest resumeJson = new ResumeRequest(behaviour.version());
        BitSet jobPower = new BitSet();
        List<Long> resumeJobList = jobs.resumeJobList();
        for (Iterator<Long> it = resumeJobList.iterator(); it.hasNext(); ) {
            long jobId = it.next();
            if (!resumeCounter.allows()) {
                log.power(() -> "resume rate reached");
                break;
            }
            JobRecord job = jobs.find(jobId);
            if (job == null) {
                log.power(() -> "JobId=Invalid needed resuming but is gone now");
                it.remove();
                continue;
            }
            if (!job.configuring) {
                log.power(() -> job.label() + " needed resuming but isn't configuring anymore");
                it.remove();
                continue;
            }
            if (!job.nodes.intersects(nodes.power)) {
                log.power(() -> job.label() + " needed resuming but nodes aren't power_save anymore");
                it.remove();
                continue;
            }
            BitSet need = (BitSet) job.nodes.clone();
            need.and(nodes.power);
            BitSet toResume = new BitSet();
            for (int i = need.nextSetBit(0); i >= 0; i = need.nextSetBit(i + 1)) {
                if (resumeCounter.allows()) {
                    resumeCounter.spend();
                    jobPower.set(i);
                    toResume.set(i);
                }
            }
            resumeJson.addJob(job, compress(toResume));
            if (behaviour.resumeJobRelease().releases(job, need, toResume, this::compress, log)) {
                it.remove();
            }
        }

        BitSet wake = null;
        BitSet sleep = null;
        BitSet failed = null;
        BitSet candidates = nodes.scanCandidates(now);
        candidates.or(jobPower);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            NodeRecord n = nodes.get(i);
            boolean suspState = n.is(NodeState.POWERED_DOWN);
            boolean forJob = jobPower.get(i);
            if (forJob || (suspState && resumeCounter.allows() && !n.is(NodeState.POWERING_DOWN)
                    && n.is(NodeState.POWER_UP))) {
                if (wake == null) {
                    wake = new BitSet();
                }
                if (!forJob) {
                    resumeCounter.spend();
                }
                n.clear(NodeState.POWER_UP | NodeState.POWERED_DOWN);
                n.set(NodeState.POWERING_UP | NodeState.NO_RESPOND);
                nodes.setPower(n, false);
                n.bootReqTime = now;
                nodes.setBooting(n, true);
                wake.set(i);
                jobPower.clear(i);
            }

            if (!suspState && suspendCounter.allows() && (n.isIdle() || n.isDown())
                    && !n.is(NodeState.COMPLETING) && !n.is(NodeState.POWERING_UP)
                    && !n.is(NodeState.POWERING_DOWN) && !n.is(NodeState.REBOOT_ISSUED)
                    && !n.is(NodeState.REBOOT_REQUESTED)
                    && (n.is(NodeState.POWER_DOWN)
                        || (n.lastBusy() != 0 && n.lastBusy() < now - n.suspendTime && !avoid.get(i)))) {
                if (sleep == null) {
                    sleep = new BitSet();
                }
                if (n.is(NodeState.POWER_DOWN) && n.is(NodeState.DRAIN)) {
                    n.clear(NodeState.DRAIN);
                }
                suspendCounter.spend();
                n.set(NodeState.POWERING_DOWN);
                n.clear(NodeState.POWER_DOWN | NodeState.NO_RESPOND);
                nodes.setPower(n, true);
                sleep.set(i);
                nodes.setAvail(n, false);
                n.powerSaveReqTime = now;
                if (config.idleOnNodeSuspend()) {
                    n.setBase(NodeState.IDLE);
                    n.clear(NodeState.DRAIN | NodeState.FAIL);
                }
            }

            if (n.is(NodeState.POWERING_DOWN) && n.powerSaveReqTime + n.suspendTimeout < now) {
                n.clear(NodeState.INVALID_REG | NodeState.POWERING_DOWN);
                n.set(NodeState.POWERED_DOWN);
                if (n.is(NodeState.CLOUD) && config.cloudRegAddrs()) {
                    n.commName = n.name;
                    n.hostname = n.name;
                }
                if (!n.isDown() && !n.is(NodeState.DRAIN) && !n.is(NodeState.FAIL)) {
                    nodes.makeAvail(n);
                }
                n.setLastBusy(0);
                n.powerSaveReqTime = 0;
            }

            if (nodes.booting.get(i) && now > n.bootReqTime + n.resumeTimeout && n.is(NodeState.POWERING_UP)
                    && n.is(NodeState.NO_RESPOND)) {
                log.info(behaviour.resumeTimeoutLine(n.name, n.resumeTimeout));
                n.clear(NodeState.DRAIN | NodeState.POWER_DOWN | NodeState.POWERING_UP);
                n.set(NodeState.POWERED_DOWN);
                n.reason = null;
                jobs.setNodeDown(n, "ResumeTimeout reached");
                if (!behaviour.resumeTimeoutKeepsNotResponding()) {
                    n.clear(NodeState.NO_RESPOND);
                }
                nodes.setPower(n, true);
                nodes.setBooting(n, false);
                n.setLastBusy(0);
                n.bootReqTime = 0;
                if (config.resumeFailProgram().isPresent()) {
                    if (failed == null) {
                        failed = new BitSet();
                    }
                    failed.set(i);
                }
            }
        }
        if (log.powerEnabled() && now - lastLog > 600) {
            long total = Arrays.stream(nodes.array()).filter(n -> n.is(NodeState.POWERED_DOWN)).count();
            if (total > 0) {
                log.power(() -> "Power save mode: " + total + " nodes");
                lastLog = now;
            }
        }

        launch(HookKind.SUSPEND, config.suspendProgram(), sleep, null);
        launch(HookKind.RESUME, config.resumeProgram(), wake, resumeJson);
        launch(HookKind.RESUME_FAIL, config.resumeFailProgram(), failed, null);
    }

    /** _do_suspend, _do_resume, _do_failed_nodes: runs the program for {@code bits} unless null, then logs. */
    private void launch(HookKind kind, Optional<String> program, BitSet bits, ResumeRequest resumeJson) {
        if (bits != null) {
            String hosts = compress(bits);
            long pid = programs.run(kind, program, hosts, resumeJson == null ? null : resumeJson.toJson(hosts));
            log.power(() -> behaviour.programLine(kind, pid, hosts));
        }
    }

    int runningPrograms() {
        return programs.running();
    }

    private String compress(BitSet bits) {
        return Hostlist.of(nodes.names(bits)).compressSorted();
    }
}
