package org.elasticslurm.scenarios.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.Hostlist;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.fake.api.JobSnapshot;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.conf.state.NodeFlag;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.SimSettings;
import org.elasticslurm.scenarios.model.SlurmConfSource;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.StepHeader;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.JobRecord;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.StateChange;
import org.elasticslurm.scenarios.workload.Workload;
import org.elasticslurm.scenarios.workload.WorkloadJob;

/**
 * {@code elastic-lab simulate}: a workload against a site's slurm.conf on the sim target. Each job is an
 * {@code sbatch -N n} of the nodes its processors need (at the configuration's CPUs per node), running for its run
 * time on whole nodes (the simulated configuration gives every node one CPU, so a job never shares a node:
 * fake-slurmctld's job model allocates one CPU per node and job); the hook programs are modelled as a working cloud (a resumed node's slurmd registers with a fresh boot time after the boot time given; a
 * suspended node's slurmd stops), so the figures show what the configuration's power-saving settings do. Node
 * states are read every {@link #SAMPLING}. The simulated slurmctld behaves as the Slurm version the parser reads by
 * ({@link SlurmConfParser#version()}).
 */
public final class WorkloadSimulation {

    private static final Pattern PROGRAM_LINE = Pattern.compile(
            "(?im)^(\\s*)(SuspendProgram|ResumeProgram|ResumeFailProgram)\\s*=.*$");
    private static final Pattern NODE_LINE = Pattern.compile("(?im)^\\s*NodeName\\s*=.*$");
    private static final Pattern CPU_KEYS = Pattern.compile(
            "(?i)\\s(CPUs|Procs|Boards|SocketsPerBoard|Sockets|CoresPerSocket|ThreadsPerCore)\\s*=\\s*\\S+");
    private static final Duration STEP = Duration.ofMinutes(1);
    /** Node states are read this often (node-hours are exact to this much per power transition). */
    static final Duration SAMPLING = Duration.ofSeconds(10);
    private static final Duration EXTRA = Duration.ofHours(2);

    private final SlurmConfParser parser;

    /** @param parser reads slurm.conf; the simulated slurmctld emulates the Slurm version it reads by */
    public WorkloadSimulation(SlurmConfParser parser) {
        this.parser = parser;
    }

    /**
     * Runs the workload.
     *
     * @param slurmConf the site's slurm.conf (its hook program paths are replaced by modelled programs)
     * @param workload the jobs
     * @param bootTime time from a resume call to the node's slurmd registering
     */
    public SimulationReport run(Path slurmConf, Workload workload, Duration bootTime) {
        String text;
        try {
            text = Files.readString(slurmConf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + slurmConf, e);
        }
        int cpus = cpusPerNode(parser.parse(slurmConf));
        String modelled = PROGRAM_LINE.matcher(text).replaceAll(m -> m.group(1) + m.group(2) + "=\\$LAB/hooks/"
                + m.group(2).toLowerCase(java.util.Locale.ROOT));
        modelled = NODE_LINE.matcher(modelled).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                CPU_KEYS.matcher(m.group()).replaceAll("") + " CPUs=1"));
        Position where = Position.wholeFile(slurmConf);
        Scenario scenario = new Scenario(slurmConf, "simulate", "workload " + workload.source(),
                new SlurmConfSource.Inline(modelled, 1, 1, where), Map.of(), List.of(TargetKind.SIM),
                Optional.empty(), new SimSettings(bootTime, 1), List.of(), List.of(), Optional.empty());
        SimLabFiles files;
        try {
            files = SimLabFiles.create(scenario, parser);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sim lab's files", e);
        }
        SimSession session;
        try {
            session = new SimSession(scenario, files, SAMPLING, new HookProgramRules(), parser.version());
        } catch (RuntimeException e) {
            files.delete();
            throw e;
        }
        try (session) {
            return simulate(session, files.conf(), workload, bootTime, cpus);
        }
    }

    /** CPUs per node of the site's configuration: the largest of its CLOUD nodes (of all nodes without any). */
    static int cpusPerNode(SlurmConf conf) {
        return conf.cloudNodes().stream().mapToInt(n -> n.cpus()).max()
                .orElse(conf.nodes().stream().mapToInt(n -> n.cpus()).max().orElse(1));
    }

    private static SimulationReport simulate(SimSession session, SlurmConf conf, Workload workload,
                                             Duration bootTime, int cpus) {
        Duration first = workload.jobs().isEmpty() ? Duration.ZERO : workload.jobs().get(0).submit();
        List<String> ids = new ArrayList<>();
        Duration work = Duration.ZERO;
        for (WorkloadJob job : workload.jobs()) {
            session.advanceTo(job.submit().minus(first));
            String id = "job" + job.id();
            long seconds = Math.max(0, job.runTime().toSeconds());
            session.perform(new Step.Submit(new StepHeader(Optional.of(id), Optional.empty(),
                    Position.wholeFile(Path.of(workload.source()))), "sbatch",
                    List.of("-N", Integer.toString(job.nodes(cpus)), "--wrap", "sleep " + seconds)));
            ids.add(id);
            work = work.plus(job.runTime());
        }
        Duration cap = session.now().plus(work).plus(conf.powerSave().resumeTimeout().multipliedBy(2)).plus(EXTRA);
        java.util.Set<String> running = new java.util.LinkedHashSet<>(ids);
        running.removeIf(session::jobEnded);
        while (!running.isEmpty() && session.now().compareTo(cap) < 0) {
            session.advanceTo(session.now().plus(STEP));
            running.removeIf(session::jobEnded);
        }
        Duration tail = conf.powerSave().suspendTime().duration().filter(d -> !conf.powerSave().suspendTime()
                .isInfinite()).map(d -> d.plus(conf.powerSave().suspendTimeout()).plus(Duration.ofSeconds(20)))
                .orElse(Duration.ZERO);
        session.advanceTo(session.now().plus(tail));
        return report(session, conf, ids, bootTime);
    }

    private static SimulationReport report(SimSession session, SlurmConf conf, List<String> ids,
                                           Duration bootTime) {
        Observations obs = session.observations();
        Duration end = session.now();
        int completed = 0;
        int failed = 0;
        int rejected = 0;
        int unfinished = 0;
        int bootWaitJobs = 0;
        Duration bootWait = Duration.ZERO;
        Duration maxBootWait = Duration.ZERO;
        Duration queueWait = Duration.ZERO;
        int started = 0;
        for (String id : ids) {
            SimJob job = session.job(id).orElseThrow();
            JobRecord r = obs.jobs().get(id);
            if (!job.accepted()) {
                rejected++;
                continue;
            }
            if (!r.state().isFinal()) {
                unfinished++;
            } else if (r.state() == JobState.COMPLETED) {
                completed++;
            } else {
                failed++;
            }
            JobSnapshot view = job.view(session.controller()).orElseThrow();
            Optional<Instant> start = view.startTime();
            if (start.isPresent() && r.state() != JobState.PENDING) {
                started++;
                queueWait = queueWait.plus(nonNegative(Duration.between(view.submitTime(), start.get())));
                Optional<Instant> allocated = job.allocatedAt();
                if (allocated.isPresent() && start.get().isAfter(allocated.get())) {
                    Duration w = Duration.between(allocated.get(), start.get());
                    bootWaitJobs++;
                    bootWait = bootWait.plus(w);
                    if (w.compareTo(maxBootWait) > 0) {
                        maxBootWait = w;
                    }
                }
            }
        }
        int resumes = 0;
        for (HookCall c : obs.hooks()) {
            if (c.hook() == org.elasticslurm.scenarios.model.HookRole.RESUME) {
                resumes += Hostlist.parse(c.hostlist()).size();
            }
        }
        int failedResumes = (int) obs.log().stream().filter(l -> l.text().contains("not resumed by ResumeTimeout"))
                .count();
        return new SimulationReport(end, bootTime, ids.size(), completed, failed, rejected, unfinished,
                conf.nodes().size(), nodeHoursPowered(obs, end), resumes, failedResumes, bootWaitJobs,
                bootWaitJobs == 0 ? Duration.ZERO : bootWait.dividedBy(bootWaitJobs), maxBootWait,
                bootWait.toMillis() / 3_600_000.0, started == 0 ? Duration.ZERO : queueWait.dividedBy(started));
    }

    private static double nodeHoursPowered(Observations obs, Duration end) {
        long millis = 0;
        for (List<StateChange> changes : obs.byNode().values()) {
            for (int i = 0; i < changes.size(); i++) {
                Duration from = changes.get(i).at();
                Duration to = i + 1 < changes.size() ? changes.get(i + 1).at() : end;
                if (!changes.get(i).state().has(NodeFlag.POWERED_DOWN)) {
                    millis += to.minus(from).toMillis();
                }
            }
        }
        return millis / 3_600_000.0;
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
