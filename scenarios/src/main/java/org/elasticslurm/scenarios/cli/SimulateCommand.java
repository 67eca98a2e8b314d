package org.elasticslurm.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.elasticslurm.conf.NodeDefinition;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.WorkloadSpecParser;
import org.elasticslurm.scenarios.workload.SwfReader;
import org.elasticslurm.scenarios.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code elastic-lab simulate --slurm-conf F --workload W}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"What-if: a workload against a slurm.conf's elastic settings (node-hours powered, resumes, "
            + "failed resumes, queue wait caused by boot latency).",
            "WORKLOAD is a Standard Workload Format trace (*.swf, as in the Parallel Workloads Archive) or a "
            + "generated-workload spec (*.yaml: jobs, mean-interval, nodes, runtime, cpus-per-node, seed).",
            "The simulation itself runs on the sim target; until its runner is available this reads and checks "
            + "the inputs and says so."},
        footer = {"", "Exit status: 0 simulated, 2 invalid input, 3 no sim runner yet, 64 usage."})
final class SimulateCommand implements Callable<Integer> {
    private final LabContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = "--slurm-conf", required = true, paramLabel = "FILE", description = "the slurm.conf")
    Path slurmConf;

    @Option(names = "--workload", required = true, paramLabel = "W", description = "an SWF trace or a workload spec")
    Path workload;

    SimulateCommand(LabContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
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
        return ExitCodes.OK;
    }
}
