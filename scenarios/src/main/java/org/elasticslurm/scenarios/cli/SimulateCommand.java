package org.elasticslurm.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.WorkloadSpecParser;
import org.elasticslurm.scenarios.sim.SimulationReport;
import org.elasticslurm.scenarios.sim.WorkloadSimulation;
import org.elasticslurm.scenarios.workload.SwfReader;
import org.elasticslurm.scenarios.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code elastic-lab simulate --slurm-conf F --workload W}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"What-if: a workload against a slurm.conf's elastic settings (node-hours powered, resumes, "
            + "failed resumes, queue wait caused by boot latency).",
            "WORKLOAD is a Standard Workload Format trace (*.swf, as in the Parallel Workloads Archive) or a "
            + "generated-workload spec (*.yaml: jobs, mean-interval, nodes, runtime, cpus-per-node, seed).",
            "The simulation runs on the sim target (virtual clock): each job is an sbatch -N of the nodes its "
            + "processors need; the hook programs are modelled as a working cloud whose nodes register "
            + "--boot-time after the resume call."},
        footer = {"", "Exit status: 0 simulated (every job ended, no failed resume), 1 jobs left unfinished or "
            + "resumes failed, 2 invalid input, 3 no sim runner, 64 usage."})
final class SimulateCommand implements Callable<Integer> {
    private LabContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    SlurmVersionOption slurmVersion;

    @Option(names = "--slurm-conf", required = true, paramLabel = "FILE", description = "the slurm.conf")
    Path slurmConf;

    @Option(names = "--workload", required = true, paramLabel = "W", description = "an SWF trace or a workload spec")
    Path workload;

    @Option(names = "--boot-time", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "time from the resume call to slurmd's registration (default: ${DEFAULT-VALUE})",
            defaultValue = "30s")
    Duration bootTime;

    SimulateCommand(LabContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx = slurmVersion.apply(ctx);
        SlurmConf conf = ctx.confParser().parse(slurmConf);
        String name = workload.getFileName().toString();
        Workload w = name.endsWith(".yaml") || name.endsWith(".yml")
                ? new WorkloadSpecParser().parse(workload).generate(workload.toString())
                : new SwfReader().read(workload);
        int cpus = conf.cloudNodes().stream().mapToInt(NodeDefinition::cpus).max()
                .orElse(conf.nodes().stream().mapToInt(NodeDefinition::cpus).max().orElse(1));
        int widest = w.jobs().stream().mapToInt(j -> j.nodes(cpus)).max().orElse(0);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("workload %s: %d jobs over %s, up to %d processors (%d nodes of %d CPUs), %.1f processor-hours%n",
                w.source(), w.jobs().size(), Durations.format(w.span()), w.maxProcessors(), widest, cpus,
                w.processorHours());
        out.printf("slurm.conf %s: %d nodes, %d of them CLOUD%n", slurmConf, conf.nodes().size(),
                conf.cloudNodes().size());
        if (widest > conf.nodes().size()) {
            out.printf("note: the widest job needs %d nodes; the configuration has %d%n", widest, conf.nodes().size());
        }
        out.flush();
        ctx.targets().get(TargetKind.SIM);
        long started = ctx.clock().millis();
        SimulationReport r = new WorkloadSimulation(ctx.confParser()).run(slurmConf, w, bootTime);
        long wallMillis = ctx.clock().millis() - started;
        out.printf("simulated on sim: %s of cluster time in %.1f s (boot time %s; hook programs modelled as a "
                + "working cloud)%n", Durations.format(r.simulated()), wallMillis / 1000.0,
                Durations.format(r.bootTime()));
        out.printf("jobs: %d submitted, %d completed, %d failed, %d rejected at submission, %d unfinished%n",
                r.submitted(), r.completed(), r.failed(), r.rejected(), r.unfinished());
        out.printf("node-hours powered: %.2f of %d nodes (always on: %.2f)%n", r.nodeHoursPowered(), r.nodes(),
                r.nodeHoursAlwaysOn());
        out.printf("resumes: %d node(s) woken, %d failed resume(s) (not resumed by ResumeTimeout)%n", r.resumes(),
                r.failedResumes());
        out.printf("queue wait caused by boot latency: %d job(s) waited, mean %s, max %s, %.2f job-hours in all; "
                + "mean queue wait overall %s%n", r.bootWaitJobs(), Durations.format(r.meanBootWait()),
                Durations.format(r.maxBootWait()), r.bootWaitHours(), Durations.format(r.meanQueueWait()));
        out.println(slurmVersion.summaryLine());
        out.flush();
        return r.unfinished() > 0 || r.failedResumes() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
