package org.elasticslurm.scenarios.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.report.RunReport;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.TerminalSummary;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.target.SlurmctldVersion;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code elastic-lab replay level0|level1|level2|level3|FILE [--target T]}. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Runs a scenario on a target and checks its expectations.",
            "SCENARIO is level0, level1, level2, level3 (the write-up's levels) or a scenario file."},
        footer = {"", "Exit status: 0 passed, 1 failed, 2 invalid scenario, 3 no runner for the target, 64 usage."})
final class ReplayCommand implements Callable<Integer> {
    private LabContext ctx;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "level0, level1, level2, level3, or a scenario file")
    String scenario;

    @Mixin
    SlurmVersionOption slurmVersion;

    @Option(names = "--target", paramLabel = "T", converter = Converters.Target.class,
            completionCandidates = Converters.Targets.class,
            description = "where to run: ${COMPLETION-CANDIDATES} (default: the scenario's first target)")
    TargetKind target;

    @Option(names = "--controller", paramLabel = "C", converter = Converters.Controller.class,
            description = "qemu only: the slurmctld to run, fake (fake-slurmctld, default) or real (Debian's 22.05)")
    org.elasticslurm.scenarios.target.ControllerKind controller;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "write junit.xml and report.html here")
    Path reportDir;

    @Option(names = "--color", negatable = true, description = "colour the summary (default: when on a terminal)")
    Boolean color;

    ReplayCommand(LabContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx = slurmVersion.apply(ctx, target == TargetKind.REAL_SLURM || target == TargetKind.QEMU);
        Path file = ScenarioFiles.resolve(scenario, ctx).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no scenario '" + scenario + "': give level0, level1, level2, level3 or the path of a scenario file"));
        LoadedScenario loaded = ScenarioFiles.load(file, ctx);
        TargetKind kind = target != null ? target : loaded.scenario().defaultTarget();
        var err = spec.commandLine().getErr();
        Target runner;
        try {
            runner = (controller == null ? ctx.targets().get(kind) : ctx.targets().get(kind, controller))
                    .forVersion(slurmVersion.chosen().version(), ctx.env());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (TargetUnavailableException e) {
            throw new TargetUnavailableException(kind, e.getMessage() + " (" + file + " is valid: "
                    + TerminalProgress.count(loaded.scenario().steps().size(), "step") + ", "
                    + TerminalProgress.count(loaded.scenario().expectations().size(), "expectation") + ")");
        }
        if (!loaded.scenario().targets().contains(kind)) {
            err.println("elastic-lab: note: " + loaded.scenario().name() + " is written for "
                    + loaded.scenario().targets() + "; on " + kind + " the steps it cannot run are reported "
                    + "not applicable");
        }
        ScenarioResult result = new ScenarioRunner(ctx.clock()).run(loaded, runner,
                new TerminalProgress(err, ctx.clock(), Duration.ofSeconds(10)));
        SlurmctldVersion slurmctld = runner.slurmctld();
        RunReport report = new RunReport("elastic-lab replay " + scenario + " --target " + kind
                + (controller == null ? "" : " --controller " + controller.word())
                + slurmVersion.titleSuffix(slurmctld),
                ctx.clock().instant(), List.of(result));
        var out = spec.commandLine().getOut();
        out.print(new TerminalSummary().render(report, color != null ? color : System.console() != null));
        out.println(slurmVersion.summaryLine(slurmctld));
        if (reportDir != null) {
            ReportFiles.write(reportDir, report).forEach(p -> out.println("report: " + p));
        }
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
