package org.elasticslurm.scenarios.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.fake.api.NodeChange;
import org.elasticslurm.fake.api.SimulatedSlurm;
import org.elasticslurm.fake.api.SlurmdStart;
import org.elasticslurm.fake.api.VirtualClock;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.conf.state.NodeState;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.target.StepResult;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.JobRecord;
import org.elasticslurm.scenarios.trace.LogLine;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.Stage;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * One scenario on the virtual clock: fake-slurmctld's controller built from the scenario's slurm.conf, simulated
 * slurmds, the hook programs as simulated programs, jobs with simulated run times, and (Levels 2 and 3) the
 * provisioner's operation engine on simulated machines. Node states are recorded after every event of the clock,
 * so the timeline is exact.
 */
final class SimSession implements TargetSession {

    /** The instant of scenario time 0 (fixed: runs are reproducible). */
    static final Instant EPOCH = Instant.parse("2026-01-05T08:00:00Z");
    /** slurmctld starts this long before scenario time 0, as in the recorded real Level 0 run. */
    static final Duration CONTROLLER_HEAD_START = Duration.ofMillis(10_200);
    /** The machines booted this long before scenario time 0 (what plain {@code slurmd} reports). */
    static final Duration MACHINE_UPTIME = Duration.ofDays(3);
    /** How long a provisioner client takes to hand its request over. */
    static final Duration CLIENT_RUN = Duration.ofMillis(200);

    private final Scenario scenario;
    private final SimLabFiles files;
    private final SlurmConf conf;
    private final VirtualClock kernel;
    private final SimulatedSlurm controller;
    private final Optional<SimProvisioner> provisioner;
    private final List<StateChange> states = new ArrayList<>();
    /** The nodes in the controller's order, and their state words as last recorded (-1: not yet). */
    private String[] nodeNames;
    private int[] lastWords;
    private final List<LogLine> log = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private final Map<String, SimJob> jobs = new LinkedHashMap<>();
    private final Map<String, SlurmdStart> slurmdModes = new HashMap<>();
    private final SimHookPrograms programs;
    private final Duration sampling;

    /**
     * @param sampling  how often node states are read: {@link Duration#ZERO} after every event of the clock (an
     *                  exact timeline, for scenarios), else at this period (long workload simulations)
     * @param hookRules how the simulated slurmctld checks the hook program files; worded as {@code version} words
     *                  them
     * @param version   the Slurm version whose behaviour the simulated slurmctld emulates
     */
    SimSession(Scenario scenario, SimLabFiles files, Duration sampling, HookProgramRules hookRules,
               org.elasticslurm.conf.SlurmVersion version) {
        this.sampling = sampling;
        this.scenario = scenario;
        this.files = files;
        this.conf = files.conf();
        this.kernel = new VirtualClock(EPOCH.minus(CONTROLLER_HEAD_START), scenario.sim().seed());
        this.controller = new SimulatedSlurm(kernel, EPOCH.minus(MACHINE_UPTIME), 4000);
        controller.workload(SimWorkload::run);
        this.provisioner = scenario.provisioner().map(p -> new SimProvisioner(kernel, p, conf,
                scenario.sim().bootDelay(), new SimSlurmPort(controller), new ProvisionerLab()));
        this.programs = new SimHookPrograms(scenario.hooks(), scenario.sim().bootDelay(), kernel, provisioner,
                new ProgramMachines());
        programs.install(controller);
        controller.start(conf, hookRules.forVersion(version).verdict(conf), files.dir(), (time, line) -> log.add(new LogLine(at(time),
                "slurmctld", line)), version);
        kernel.runUntil(EPOCH);
        recordStates();
    }

    // ------------------------------------------------------------------ time

    @Override
    public Duration now() {
        return at(kernel.now());
    }

    /** Scenario time of an instant; what happened before scenario time 0 (the controller's start) counts as 0. */
    private static Duration at(Instant instant) {
        Duration d = Duration.between(EPOCH, instant);
        return d.isNegative() ? Duration.ZERO : d;
    }

    @Override
    public void advanceTo(Duration time) {
        Instant until = EPOCH.plus(time);
        if (!until.isAfter(kernel.now())) {
            return;
        }
        if (sampling.isZero()) {
            kernel.runWhile(() -> {
                recordStates();
                return true;
            }, until);
        } else {
            for (Instant t = kernel.now().plus(sampling); t.isBefore(until); t = t.plus(sampling)) {
                kernel.runUntil(t);
                recordStates();
            }
        }
        kernel.runUntil(until);
        recordStates();
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(100);
    }

    private void recordStates() {
        int[] words = controller.stateWords();
        if (nodeNames == null) {
            nodeNames = controller.nodeNames().toArray(String[]::new);
            lastWords = new int[words.length];
            java.util.Arrays.fill(lastWords, -1);
        }
        for (int i = 0; i < words.length; i++) {
            if (words[i] != lastWords[i]) {
                lastWords[i] = words[i];
                states.add(new StateChange(now(), nodeNames[i], NodeState.ofWord(words[i])));
            }
        }
    }

    // ------------------------------------------------------------------ actions

    @Override
    public StepResult perform(Step.Action action) {
        StepResult r;
        if (action instanceof Step.Submit s) {
            r = submit(s);
        } else if (action instanceof Step.StartSlurmd s) {
            r = startSlurmd(s.node(), s.bootTimeFromStart() ? SlurmdStart.FRESH_BOOT : SlurmdStart.MACHINE_BOOT);
        } else if (action instanceof Step.ScontrolUpdate u) {
            r = scontrol(u);
        } else if (action instanceof Step.Stop s) {
            r = stop(s.component(), s.node());
        } else if (action instanceof Step.Restart s) {
            r = restart(s.component(), s.node());
        } else if (action instanceof Step.InjectFault f) {
            r = fault(f);
        } else {
            throw new TargetException("the sim target cannot carry out: " + action.describe(), null);
        }
        recordStates();
        return r;
    }

    private StepResult submit(Step.Submit s) {
        org.elasticslurm.fake.api.JobSubmission request;
        try {
            request = SubmitArgs.request(s);
        } catch (IllegalArgumentException e) {
            return StepResult.failed(e.getMessage());
        }
        SimJob job = SimJob.submit(s.command(), request, controller, kernel);
        jobs.put(s.jobId(), job);
        return job.accepted() ? StepResult.ok("job " + job.slurmId() + " submitted")
                : StepResult.failed(String.join("\n", job.stderr()));
    }

    private StepResult startSlurmd(String node, SlurmdStart mode) {
        NodeDefinition def = conf.node(node).orElseThrow(() -> new TargetException("no node " + node, null));
        controller.startSlurmd(node, mode, def.cpus(), def.realMemory());
        slurmdModes.put(node, mode);
        return StepResult.ok("slurmd started on " + node + (mode == SlurmdStart.FRESH_BOOT
                ? " (boot time: now)" : " (boot time: the machine's, " + MACHINE_UPTIME.toDays() + " days ago)"));
    }

    private StepResult scontrol(Step.ScontrolUpdate u) {
        Optional<String> state = Optional.empty();
        if (u.settings().containsKey("state")) {
            String value = u.settings().get("state");
            state = Optional.of(value);
            if (!NodeChange.isState(value)) {
                return StepResult.failed("scontrol: invalid node state specified: " + value);
            }
        }
        NodeChange update = new NodeChange(u.nodes(), state, Optional.ofNullable(u.settings().get("reason")),
                Optional.ofNullable(u.settings().get("nodeaddr")),
                Optional.ofNullable(u.settings().get("nodehostname")));
        Optional<String> error = controller.updateNode(update);
        return error.isEmpty() ? StepResult.ok("scontrol update done")
                : StepResult.failed("scontrol: error: " + error.get());
    }

    private StepResult stop(Component component, Optional<String> node) {
        if (component == Component.SLURMD) {
            for (String n : Hostlist.parse(node.orElseThrow()).names()) {
                controller.stopSlurmd(n);
            }
            return StepResult.ok("slurmd stopped on " + node.get());
        }
        SimProvisioner p = provisionerOrFail();
        p.stop();
        return StepResult.ok("provisioner stopped");
    }

    private StepResult restart(Component component, Optional<String> node) {
        if (component == Component.SLURMD) {
            for (String n : Hostlist.parse(node.orElseThrow()).names()) {
                controller.stopSlurmd(n);
                startSlurmd(n, slurmdModes.getOrDefault(n, SlurmdStart.MACHINE_BOOT));
            }
            return StepResult.ok("slurmd restarted on " + node.get());
        }
        SimProvisioner p = provisionerOrFail();
        p.restart();
        return StepResult.ok("provisioner restarted");
    }

    private StepResult fault(Step.InjectFault f) {
        provisionerOrFail().inject(f);
        return StepResult.ok("fault " + f.fault() + " injected into the simulated backend");
    }

    private SimProvisioner provisionerOrFail() {
        return provisioner.orElseThrow(() -> new TargetException(
                "this scenario runs no provisioner (no 'provisioner:' section)", null));
    }

    /** What the simulated hook programs act on. */
    private final class ProgramMachines implements SimHookPrograms.Machines {
        @Override
        public void booted(String node) {
            startSlurmd(node, SlurmdStart.FRESH_BOOT);
        }

        @Override
        public void stopSlurmd(String node) {
            controller.stopSlurmd(node);
        }

        @Override
        public void log(LogLine line) {
            log.add(line);
        }

        @Override
        public Duration now() {
            return SimSession.this.now();
        }
    }

    /** How the provisioner's simulated machines act on the lab. */
    private final class ProvisionerLab implements SimProvisioner.Lab {
        @Override
        public void slurmdStarted(String node) {
            startSlurmd(node, SlurmdStart.FRESH_BOOT);
        }

        @Override
        public void machineStopped(String node) {
            controller.stopSlurmd(node);
        }

        @Override
        public void log(String line) {
            log.add(new LogLine(now(), "provisioner", line));
        }

        @Override
        public void stage(Stage stage) {
            stages.add(stage);
        }

        @Override
        public Duration now() {
            return SimSession.this.now();
        }
    }

    // ------------------------------------------------------------------ observations

    @Override
    public Observations observations() {
        List<HookCall> calls = new ArrayList<>();
        for (org.elasticslurm.fake.api.HookCall c : controller.hookCalls()) {
            calls.add(new HookCall(at(c.time()), SimHookPrograms.role(c.hook()), List.of(c.hostlist())));
        }
        Map<String, JobRecord> records = new LinkedHashMap<>();
        jobs.forEach((id, job) -> records.put(id, job.record(id, controller, SimSession::at)));
        return new Observations(states, calls, log, records, provisioner.map(SimProvisioner::machinesLeft),
                Optional.of(programs.defunct()), stages);
    }

    /** Whether a submitted job has ended (cheaper than {@link #observations()} for one job). */
    boolean jobEnded(String id) {
        SimJob job = jobs.get(id);
        return job == null || job.record(id, controller, SimSession::at).state().isFinal();
    }

    /** A submitted job, by its scenario id. */
    Optional<SimJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The controller (for queries on its thread: this one). */
    SimulatedSlurm controller() {
        return controller;
    }

    @Override
    public void close() {
        files.delete();
    }
}
