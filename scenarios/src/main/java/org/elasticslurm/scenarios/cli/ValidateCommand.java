package org.elasticslurm.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.elasticslurm.scenarios.lint.LintOptions;
import org.elasticslurm.scenarios.lint.LintReport;
import org.elasticslurm.scenarios.lint.Linter;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.ScenarioException;
import org.elasticslurm.scenarios.report.LintJUnitReport;
import org.elasticslurm.scenarios.report.RunReport;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.TerminalSummary;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code elastic-lab validate --slurm-conf F [--scenario S ...] [--report-dir D]}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validates a site's elastic configuration before rollout: lints the slurm.conf (as "
            + "'lint'), then checks and runs the given scenario files.",
            "Simulating the site's configuration and hook programs under a burst and under failures needs the "
            + "sim runner; until it is available validate says so and lints only."},
        footer = {"", "Exit status: the worst of: lint (0 clean, 1 warnings with --strict, 2 errors), scenarios "
            + "(1 failed, 2 invalid, 3 no runner for their target); 64 usage."})
final class ValidateCommand implements Callable<Integer> {
    private final LabContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = "--slurm-conf", required = true, paramLabel = "FILE", description = "the site's slurm.conf")
    Path slurmConf;

    @Option(names = "--scenario", paramLabel = "S", description = "a scenario file to check and run (repeatable)")
    List<Path> scenarios = new ArrayList<>();

    @Option(names = "--target", paramLabel = "T", converter = Converters.Target.class,
            completionCandidates = Converters.Targets.class,
            description = "run the scenarios on this target (default: each one's first target)")
    TargetKind target;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "write lint.txt, lint-junit.xml and, for scenario runs, junit.xml and report.html here")
    Path reportDir;

    @Option(names = "--boot-time", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "measured or configured boot time, for the ResumeTimeout/SuspendTime rules")
    Duration bootTime;

    @Option(names = "--burst", paramLabel = "N", description = "nodes a burst wakes at once (default: every CLOUD node)")
    Integer burst;

    @Option(names = "--strict", description = "lint warnings fail too (exit 1)")
    boolean strict;

    ValidateCommand(LabContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LintOptions options = LintCommand.options(bootTime, burst);
        LintReport lint = LintCommand.lint(ctx, slurmConf, options);
        out.println("lint " + slurmConf + ":");
        LintCommand.print(lint, out);
        int status = lint.exitStatus(strict);
        err.println("elastic-lab: note: simulating " + slurmConf + " and its hook programs on sim under a burst "
                + "and under failures needs the sim runner: runner for target sim not available yet; linted only");
        if (reportDir != null) {
            writeLint(lint, options);
        }

        List<ScenarioResult> results = new ArrayList<>();
        for (Path file : scenarios) {
            LoadedScenario loaded;
            try {
                loaded = ScenarioFiles.load(file, ctx);
            } catch (ScenarioException e) {
                err.println("elastic-lab: " + e.getMessage());
                status = Math.max(status, ExitCodes.INVALID);
                continue;
            }
            TargetKind kind = target != null ? target : loaded.scenario().defaultTarget();
            out.println("scenario " + file + ": valid (" + TerminalProgress.count(loaded.scenario().steps().size(),
                    "step") + ", " + TerminalProgress.count(loaded.scenario().expectations().size(), "expectation")
                    + ")");
            try {
                results.add(new ScenarioRunner(ctx.clock()).run(loaded, ctx.targets().get(kind),
                        new TerminalProgress(err, ctx.clock(), Duration.ofSeconds(10))));
            } catch (TargetUnavailableException e) {
                err.println("elastic-lab: scenario " + file + " not run: " + e.getMessage());
                status = Math.max(status, ExitCodes.UNAVAILABLE);
            }
        }
        if (!results.isEmpty()) {
            RunReport report = new RunReport("elastic-lab validate " + slurmConf, ctx.clock().instant(), results);
            out.print(new TerminalSummary().render(report, false));
            if (reportDir != null) {
                ReportFiles.write(reportDir, report);
            }
            if (!report.passed()) {
                status = Math.max(status, ExitCodes.FAILED);
            }
        }
        out.flush();
        return status;
    }

    private void writeLint(LintReport lint, LintOptions options) {
        try {
            Files.createDirectories(reportDir);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(reportDir.resolve("lint.txt"),
                    StandardCharsets.UTF_8))) {
                LintCommand.print(lint, w);
            }
            try (Writer w = Files.newBufferedWriter(reportDir.resolve("lint-junit.xml"), StandardCharsets.UTF_8)) {
                new LintJUnitReport().write(slurmConf, Linter.standard(ctx.hookRules()).ruleIds(), lint, strict, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports to " + reportDir, e);
        }
    }
}
