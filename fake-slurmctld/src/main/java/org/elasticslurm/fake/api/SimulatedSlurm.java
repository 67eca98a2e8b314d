package org.elasticslurm.fake.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.elasticslurm.conf.PowerSaveVerdict;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.controller.CommandResult;
import org.elasticslurm.fake.controller.ControllerOptions;
import org.elasticslurm.fake.controller.ControllerPorts;
import org.elasticslurm.fake.controller.NodeStateRequest;
import org.elasticslurm.fake.controller.NodeUpdate;
import org.elasticslurm.fake.controller.NodeView;
import org.elasticslurm.fake.controller.SlurmBehaviour;
import org.elasticslurm.fake.controller.SlurmController;
import org.elasticslurm.fake.controller.SubmitResult;
import org.elasticslurm.fake.hook.HookExit;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.hook.HookOutcome;
import org.elasticslurm.fake.hook.RecordingHookRunner;
import org.elasticslurm.fake.job.JobCompletion;
import org.elasticslurm.fake.job.JobKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobView;
import org.elasticslurm.fake.sim.cluster.SimulatedCluster;
import org.elasticslurm.fake.sim.cluster.SimulatedRun;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;

/**
 * slurmctld's power saving for one slurm.conf on a {@link VirtualClock}: the controller, simulated slurmds that
 * register with a boot time, power-save programs as simulated {@link HookProgram}s (every start recorded), and jobs
 * whose commands run for a simulated time ({@link Workload}). Set the programs and the workload, then
 * {@link #start}; everything runs on the clock's thread as the caller advances the clock.
 */
public final class SimulatedSlurm {

    private final VirtualClock clock;
    private final RecordingHookRunner hooks;
    private final SimulatedCluster cluster;
    private SlurmController controller;
    private SlurmConf conf;
    private SlurmBehaviour behaviour;

    /**
     * @param clock the clock it runs on
     * @param machineBoot when the simulated machines booted (the boot time a {@link SlurmdStart#MACHINE_BOOT}
     *                    slurmd reports)
     * @param firstHookPid the process id of the first simulated program start
     */
    public SimulatedSlurm(VirtualClock clock, Instant machineBoot, long firstHookPid) {
        this.clock = clock;
        this.hooks = new RecordingHookRunner(clock.kernel(), firstHookPid);
        this.cluster = new SimulatedCluster(clock.kernel(), machineBoot);
    }

    /** How job commands behave (default: the cluster's own). */
    public void workload(Workload workload) {
        cluster.workload(launch -> {
            CommandRun run = workload.run(launch.command(), launch.nodes());
            return new SimulatedRun(run.duration(), run.exitCode(), run.output());
        });
    }

    /** What the power-save program does when slurmctld starts it. */
    public void hookProgram(PowerSaveHook hook, HookProgram program) {
        hooks.behave(kind(hook), invocation -> {
            HookRun run = program.started(invocation.argv0(), invocation.hostlist());
            return new HookOutcome(run.runTime(), run.exitStatus() == 0 ? HookExit.success()
                    : new HookExit.Exited(run.exitStatus()));
        });
    }

    /**
     * Builds and starts the controller emulating a Slurm version (there is no default: name the version).
     *
     * @param conf the parsed slurm.conf (read by the rules of {@code version})
     * @param verdict whether the power-save programs pass slurmctld's checks
     * @param workingDirectory the controller's working directory
     * @param log receives each controller log line with its time
     * @param version the Slurm version whose behaviour the controller emulates
     * @throws IllegalStateException when it has started already
     */
    public void start(SlurmConf conf, PowerSaveVerdict verdict, Path workingDirectory,
                      BiConsumer<Instant, String> log, SlurmVersion version) {
        if (controller != null) {
            throw new IllegalStateException("the simulated controller has started already");
        }
        this.conf = conf;
        this.behaviour = SlurmBehaviour.of(version);
        this.controller = new SlurmController(conf, verdict, clock.kernel(), new ControllerPorts(hooks, cluster,
                cluster, r -> log.accept(r.time(), r.line())), ControllerOptions.of(conf.source(), workingDirectory)
                .withVersion(version));
        cluster.attach(controller);
        controller.start();
    }

    // ------------------------------------------------------------------ nodes

    /** Every node's state word (slurm-conf's {@code NodeState.ofWord}), in the order of {@link #nodeNames()}. */
    public int[] stateWords() {
        return controller().stateWords();
    }

    /** Every node, hidden ones included, in the controller's order. */
    public List<String> nodeNames() {
        return controller().allNodes().stream().map(NodeView::name).toList();
    }

    /** The nodes {@code scontrol show node} lists (22.05 hides powered-down CLOUD nodes), as it shows them. */
    public List<NodeSnapshot> shownNodes() {
        return controller().nodes().stream()
                .map(v -> new NodeSnapshot(v.name(), v.state(), v.nodeAddr(), v.reason())).toList();
    }

    /** Whether the controller answers ({@code scontrol ping}). */
    public boolean isRunning() {
        return controller != null && controller.isRunning();
    }

    /**
     * Carries out {@code scontrol update}.
     *
     * @return slurmctld's refusal, if it refused
     * @throws IllegalArgumentException when the state is not one scontrol accepts
     */
    public Optional<String> updateNode(NodeChange change) {
        Optional<NodeStateRequest> state = Optional.empty();
        if (change.state().isPresent()) {
            state = NodeStateRequest.parse(change.state().get());
            if (state.isEmpty()) {
                throw new IllegalArgumentException("invalid node state specified: " + change.state().get());
            }
        }
        CommandResult result = controller().updateNode(new NodeUpdate(change.nodes(), state, change.reason(),
                change.nodeAddr(), change.nodeHostname()));
        return result.error().map(e -> e.message());
    }

    /** Starts a simulated slurmd on the node's machine; it registers with the controller. */
    public void startSlurmd(String node, SlurmdStart start, int cpus, long realMemory) {
        cluster.startSlurmd(node, switch (start) {
            case FRESH_BOOT -> org.elasticslurm.fake.sim.cluster.SlurmdStart.FRESH_BOOT;
            case MACHINE_BOOT -> org.elasticslurm.fake.sim.cluster.SlurmdStart.MACHINE_BOOT;
        }, cpus, realMemory);
    }

    /** Stops the node's slurmd (it no longer answers). */
    public void stopSlurmd(String node) {
        cluster.stopSlurmd(node);
    }

    // ------------------------------------------------------------------ jobs

    /**
     * Runs {@code srun} now: a client that waits for booting nodes as 22.05's srun does, with the messages and exit
     * status of the controller's version.
     */
    public SrunSession srun(JobSubmission submission) {
        SimulatedSrun srun = new SimulatedSrun(controller(), clock.kernel(),
                (int) conf.powerSave().suspendTimeout().toSeconds(),
                (int) conf.powerSave().resumeTimeout().toSeconds(), behaviour)
                .run(request(JobKind.INTERACTIVE, submission));
        return new SrunSession() {
            @Override
            public long jobId() {
                return srun.jobId();
            }

            @Override
            public List<String> stdout() {
                return srun.stdout();
            }

            @Override
            public List<String> stderr() {
                return srun.stderr();
            }
        };
    }

    /** Submits a batch job now ({@code sbatch}). */
    public Submission sbatch(JobSubmission submission, BatchJobListener listener) {
        SubmitResult r = controller().submit(request(JobKind.BATCH, submission), new JobListener() {
            @Override
            public void onAllocated(JobView job, boolean waited) {
                listener.allocated(snapshot(job));
            }

            @Override
            public void onStepFinished(JobView job, JobCompletion completion) {
                listener.stepFinished(snapshot(job), completion.output());
            }

            @Override
            public void onJobEnded(JobView job) {
                listener.ended(snapshot(job));
            }
        });
        return new Submission(r.job().map(SimulatedSlurm::snapshot), r.error().map(e -> e.message()));
    }

    /** The job as the controller shows it now (empty once purged, after MinJobAge). */
    public Optional<JobSnapshot> job(long id) {
        return controller().job(id).map(SimulatedSlurm::snapshot);
    }

    // ------------------------------------------------------------------ hooks

    /** Every power-save program started so far, in order. */
    public List<HookCall> hookCalls() {
        return hooks.calls().stream().map(c -> new HookCall(c.time(), hook(c.kind()), c.hostlist())).toList();
    }

    private SlurmController controller() {
        if (controller == null) {
            throw new IllegalStateException("the simulated controller has not started");
        }
        return controller;
    }

    private static JobRequest request(JobKind kind, JobSubmission s) {
        return new JobRequest(kind, s.name(), s.command(), Optional.empty(), s.nodeList(), s.nodeCount(),
                s.partition(), Optional.empty(), Optional.empty());
    }

    private static JobSnapshot snapshot(JobView v) {
        return new JobSnapshot(v.id(), v.state().name(), v.configuring(), v.completing(), v.submitTime(),
                v.startTime(), v.endTime());
    }

    private static HookKind kind(PowerSaveHook hook) {
        return switch (hook) {
            case RESUME -> HookKind.RESUME;
            case SUSPEND -> HookKind.SUSPEND;
            case RESUME_FAIL -> HookKind.RESUME_FAIL;
        };
    }

    private static PowerSaveHook hook(HookKind kind) {
        return switch (kind) {
            case RESUME -> PowerSaveHook.RESUME;
            case SUSPEND -> PowerSaveHook.SUSPEND;
            case RESUME_FAIL -> PowerSaveHook.RESUME_FAIL;
        };
    }
}
