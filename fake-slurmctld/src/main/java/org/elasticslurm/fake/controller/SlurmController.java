package org.elasticslurm.fake.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.PowerSaveVerdict;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.sim.Scheduler;

/**
 * slurmctld's power-saving controller (22.05's, with the differences of the version chosen in its options, see
 * {@link SlurmBehaviour}): node states, the power-save thread, registrations, node updates,
 * pings and a small job model, on whatever clock its {@link Scheduler} runs.
 *
 * <p>Thread-confined: every method must be called on the scheduler's thread (with a
 * {@link org.elasticslurm.fake.sim.RealTimeDriver}, through its {@code call}/{@code execute}). Commands return
 * at once; queries return immutable snapshots.
 */
public final class SlurmController {

    /** The release whose wire protocol the drop-ins speak (behaviour: {@link ControllerOptions#version()}). */
    public static final String SLURM_VERSION = "22.05.8";

    private final Scheduler scheduler;
    private final ControllerPorts ports;
    private final ControllerOptions options;
    private final SlurmClock clock;
    private final ControllerLog log;
    private final NodeTable nodes;
    private final NodeOps ops;
    private final NodeResponses responses;
    private final JobManager jobs;
    private final NodeRegistrar registrar;
    private final NodePinger pinger;
    private final NodeStateUpdater updater;
    private final SlurmBehaviour behaviour;
    private final PowerSaveThread powerSave;
    private final BackgroundThread background;

    private SlurmConf conf;
    private PowerSaveVerdict verdict;
    private ControllerSettings settings;
    private boolean started;
    private boolean stopped;

    /**
     * @param conf the parsed slurm.conf
     * @param verdict what the hook program rules concluded for it (power saving on or off)
     * @param scheduler the clock and event loop
     * @param ports hooks, slurmds, job launcher, log
     * @param options paths and start-up timing
     */
    public SlurmController(SlurmConf conf, PowerSaveVerdict verdict, Scheduler scheduler, ControllerPorts ports,
                           ControllerOptions options) {
        this.conf = Objects.requireNonNull(conf, "conf");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.options = Objects.requireNonNull(options, "options");
        this.settings = ControllerSettings.from(conf);
        this.clock = new SlurmClock(scheduler);
        this.log = new ControllerLog(scheduler, ports.log(), settings.logLevel(), settings.debugFlagsPower());
        this.nodes = ConfiguredNodes.build(conf);
        NodeTimeoutsTable.apply(conf, nodes);
        nodes.reindex();
        this.ops = new NodeOps(nodes, log, clock);
        this.responses = new NodeResponses(nodes, log, clock, settings);
        this.behaviour = SlurmBehaviour.of(options.version());
        this.jobs = new JobManager(nodes, ops, log, clock, scheduler, ports.launcher(), responses, settings,
                behaviour);
        this.registrar = new NodeRegistrar(nodes, ops, jobs, log, clock, responses, settings, behaviour);
        this.pinger = new NodePinger(nodes, responses, jobs, log, clock, scheduler, ports.slurmds(), settings);
        HookEnvironment environment = new HookEnvironment(options.slurmConf(), options.workingDirectory());
        this.powerSave = new PowerSaveThread(nodes, log, clock, scheduler, jobs, ports.hooks(), environment,
                behaviour.pingsAfterPowerProgram() ? pinger::requestPingNow : () -> { }, options, behaviour);
        this.updater = new NodeStateUpdater(nodes, ops, jobs, log, clock, powerSave::enabled, behaviour,
                pinger::requestPingNow,
                settings.cloudRegAddrs());
        this.background = new BackgroundThread(nodes, jobs, pinger, log, clock, scheduler, powerSave::enabled,
                settings, options.backgroundTickOffset().toMillis());
    }

    /** A controller whose power-save verdict comes from checking the hook programs on this machine, worded as its version words it. */
    public static SlurmController checkingPrograms(SlurmConf conf, Scheduler scheduler, ControllerPorts ports,
                                                   ControllerOptions options) {
        return new SlurmController(conf, new HookProgramRules().forVersion(options.version()).verdict(conf), scheduler,
                ports, options);
    }

    /** Starts the controller: logs the power-save checks, starts the power-save and background threads. */
    public void start() {
        if (started) {
            throw new IllegalStateException("the controller is already started");
        }
        started = true;
        verdict.logLines().forEach(log::prefixed);
        log.info("slurmctld version " + options.version().release() + " started on cluster " + settings.clusterName());
        nodes.touch(clock.now());
        powerSave.configure(PowerSaveConfig.from(conf, verdict));
        background.start();
    }

    // ---------------------------------------------------------------- commands

    /** srun/sbatch: submits a job; an srun job is allocated at once when it can be. */
    public SubmitResult submit(JobRequest request, JobListener listener) {
        checkRunning();
        return jobs.submit(request, listener);
    }

    /** A slurmd registers (at start, or when asked to). */
    public CommandResult registerSlurmd(SlurmdRegistration registration) {
        checkRunning();
        return registrar.register(registration);
    }

    /** scontrol update nodename=... (state, reason, nodeaddr, nodehostname). */
    public CommandResult updateNode(NodeUpdate update) {
        checkRunning();
        return updater.update(update);
    }

    /**
     * A node's slurmd answered a message of the controller that the ports do not report themselves
     * (node_did_resp): it counts as responding.
     */
    public CommandResult slurmdResponded(String node) {
        checkRunning();
        Optional<NodeRecord> n = nodes.find(node);
        if (n.isEmpty()) {
            return CommandResult.failed(SlurmError.INVALID_NODE_NAME);
        }
        responses.didRespond(n.get());
        return CommandResult.OK;
    }

    /** srun's readiness poll while it waits for booting nodes; empty for an unknown job. */
    public Optional<JobReadiness> jobNodeReady(long jobId) {
        checkRunning();
        return jobs.readiness(jobId);
    }

    /** srun creates its step: the command starts on the job's nodes. NODES_BUSY while a node is not up. */
    public CommandResult startStep(long jobId) {
        checkRunning();
        return jobs.startStep(jobId);
    }

    /** srun gives up on (or ends) its job: slurm_complete_job. */
    public CommandResult completeJob(long jobId, int exitCode) {
        checkRunning();
        return jobs.completeByClient(jobId, exitCode);
    }

    /** scancel. */
    public CommandResult cancelJob(long jobId) {
        checkRunning();
        return jobs.cancel(jobId);
    }

    /**
     * scontrol reconfigure with a new configuration: settings, timeouts, exclusions and the power-save verdict are
     * applied; node states are kept (power flags are cleared when SuspendProgram or ResumeProgram is gone). A
     * change of the node or partition set is refused (it needs a restart).
     */
    public CommandResult reconfigure(SlurmConf newConf, PowerSaveVerdict newVerdict) {
        checkRunning();
        if (!ConfiguredNodes.sameLayout(conf, newConf)) {
            log.error("reconfigure: the nodes or partitions changed; restart slurmctld to apply " + newConf.source());
            return CommandResult.failed(SlurmError.NOT_SUPPORTED);
        }
        this.conf = newConf;
        this.verdict = newVerdict;
        this.settings = ControllerSettings.from(newConf);
        log.configure(settings.logLevel(), settings.debugFlagsPower());
        NodeTimeoutsTable.apply(newConf, nodes);
        nodes.reindex();
        jobs.reconfigure(settings);
        responses.reconfigure(settings);
        registrar.reconfigure(settings);
        pinger.reconfigure(settings);
        background.reconfigure(settings);
        updater.reconfigure(settings.cloudRegAddrs());
        PowerSaveConfig power = PowerSaveConfig.from(newConf, newVerdict);
        if (!power.modeConfigured()) {
            List<String> cleared = new ArrayList<>();
            for (NodeRecord n : nodes.array()) {
                if (n.is(NodeState.POWERED_DOWN) || n.is(NodeState.POWERING_DOWN) || n.is(NodeState.POWERING_UP)) {
                    n.clear(NodeState.POWERED_DOWN | NodeState.POWERING_DOWN | NodeState.POWERING_UP);
                    nodes.setPower(n, false);
                    cleared.add(n.name);
                }
            }
            if (!cleared.isEmpty()) {
                log.info("Cleared POWER_SAVE flag from nodes " + org.elasticslurm.conf.Hostlist.of(cleared).compress());
            }
        }
        newVerdict.logLines().forEach(log::prefixed);
        powerSave.configure(power);
        nodes.touch(clock.now());
        log.info("_slurm_rpc_reconfigure_controller: completed usec=1");
        return CommandResult.OK;
    }

    /**
     * scontrol shutdown: the threads stop; the power-save thread first waits up to min(max timeout, 10) s for its
     * programs and orphans those still running. {@code whenStopped} runs on the controller thread at the end.
     */
    public void shutdown(Runnable whenStopped) {
        checkRunning();
        log.info("Terminate signal (SIGINT or SIGTERM) received");
        background.stop();
        powerSave.shutdown(() -> {
            stopped = true;
            log.info("Saving all slurm state");
            whenStopped.run();
        });
    }

    // ---------------------------------------------------------------- queries

    /** {@code scontrol show node NAME}: visible, hidden (22.05 says "not found") or unknown. */
    public NodeLookup node(String name) {
        Optional<NodeRecord> n = nodes.find(name);
        if (n.isEmpty()) {
            return new NodeLookup.NotFound(name);
        }
        if (hidden(n.get())) {
            return new NodeLookup.Hidden(name);
        }
        return new NodeLookup.Visible(view(n.get()));
    }

    /** The nodes clients see (sinfo, scontrol show nodes), in configuration order. */
    public List<NodeView> nodes() {
        List<NodeView> out = new ArrayList<>();
        for (NodeRecord n : nodes.array()) {
            if (!hidden(n)) {
                out.add(view(n));
            }
        }
        return out;
    }

    /** Every node, hidden ones included (for tests and diagnostics). */
    public List<NodeView> allNodes() {
        List<NodeView> out = new ArrayList<>(nodes.size());
        for (NodeRecord n : nodes.array()) {
            out.add(view(n));
        }
        return out;
    }

    /**
     * Every node's state word as clients see it ({@link NodeView#stateWord()}), hidden ones included, in the
     * order of {@link #allNodes()}: cheap enough to compare after every event of a large cluster.
     */
    public int[] stateWords() {
        NodeRecord[] all = nodes.array();
        int[] out = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].displayState();
        }
        return out;
    }

    /** One node whether hidden or not; empty for an unknown name. */
    public Optional<NodeView> nodeIncludingHidden(String name) {
        return nodes.find(name).map(this::view);
    }

    /** A node's NodeAddr as it is now (slurm.conf's, else its name; changed by {@code scontrol update}). */
    public Optional<String> nodeAddr(String name) {
        return nodes.find(name).map(n -> n.commName);
    }

    /** The partitions, in configuration order. */
    public List<PartitionView> partitions() {
        List<PartitionView> out = new ArrayList<>();
        for (PartitionRecord p : nodes.partitions()) {
            List<String> names = new ArrayList<>();
            for (int i : p.nodeIndexes) {
                names.add(nodes.get(i).name);
            }
            out.add(new PartitionView(p.name, p.isDefault, p.state, p.maxTime, names));
        }
        return out;
    }

    /** A job, unless unknown or purged (MinJobAge after its end). */
    public Optional<JobView> job(long id) {
        return Optional.ofNullable(jobs.find(id)).map(jobs::view);
    }

    /** All jobs still known, by id. */
    public List<JobView> jobs() {
        return jobs.views();
    }

    /** Whether power saving is on. */
    public boolean powerSaveEnabled() {
        return powerSave.enabled();
    }

    /** Whether the controller has been started and not yet stopped. */
    public boolean isRunning() {
        return started && !stopped;
    }

    /** Number of power-save scans so far. */
    public long powerSaveScans() {
        return powerSave.scans();
    }

    /** Number of power-save programs started and not yet reaped. */
    public int runningPrograms() {
        return powerSave.runningPrograms();
    }

    /** The configuration in force. */
    public SlurmConf configuration() {
        return conf;
    }

    private boolean hidden(NodeRecord n) {
        return n.isFuture() || (behaviour.hidesPoweredDownCloudNodes() && !settings.privateDataCloud()
                && n.is(NodeState.CLOUD) && n.is(NodeState.POWERED_DOWN));
    }

    private NodeView view(NodeRecord n) {
        int shown = n.displayState();
        List<String> parts = new ArrayList<>();
        for (PartitionRecord p : nodes.partitions()) {
            if (p.nodes.get(n.index)) {
                parts.add(p.name);
            }
        }
        var state = NodeState.of(shown);
        return new NodeView(n.name, shown, state.toString(), state.sinfoCompact(), state.sinfoLong(),
                Optional.ofNullable(n.reason),
                n.reasonTime == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(n.reasonTime)),
                n.commName, n.hostname, n.port > 0 ? Optional.of(n.port) : Optional.empty(),
                n.bootTime == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(n.bootTime)),
                n.slurmdStartTime == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(n.slurmdStartTime)),
                n.lastBusy() == 0 ? Optional.empty() : Optional.of(SlurmClock.instant(n.lastBusy())),
                n.cpus, n.allocCpus, n.realMemory, n.weight, parts, hidden(n), n.cpuLoad, n.freeMem);
    }

    private void checkRunning() {
        if (!started) {
            throw new IllegalStateException("the controller is not started");
        }
        if (stopped) {
            throw new IllegalStateException("the controller is shut down");
        }
    }
}
