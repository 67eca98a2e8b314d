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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.scenarios.lint.LintOptions;
import org.elasticslurm.scenarios.lint.LintReport;
import org.elasticslurm.scenarios.lint.Linter;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.ScenarioException;
import org.elasticslurm.scenarios.report.FailureCause;
import org.elasticslurm.scenarios.report.LintJUnitReport;
import org.elasticslurm.scenarios.report.RunReport;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.TerminalSummary;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.sim.SimTarget;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code elastic-lab validate --slurm-conf F [--scenario S ...] [--report-dir D]}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Validates a site's elastic configuration before rollout: lints the slurm.conf (as "
            + "'lint'), then checks and runs the given scenario files.",
            "Then it runs the site's configuration on sim under a burst (the CLOUD nodes of the default "
            + "partition, up to 32, else a tenth of them, at least 32; or --burst N) and under a boot that outlasts ResumeTimeout: the simulated slurmctld checks "
            + "the site's hook program files as slurmctld of the chosen version does; their behaviour is modelled as a working "
            + "cloud booting a node in --boot-time (default 30s)."},
        footer = {"", "Exit status: the worst of: lint (0 clean, 1 warnings with --strict, 2 errors), scenarios "
            + "(1 failed, 2 invalid, 3 no runner for their target); 64 usage."})
final class ValidateCommand implements Callable<Integer> {
    private LabContext ctx;

    @Spec
    CommandSpec spec;

    @Mixin
    LintSettings settings;

    @Mixin
    SlurmVersionOption slurmVersion;

    @Option(names = "--scenario", paramLabel = "S", description = "a scenario file to check and run (repeatable)")
    List<Path> scenarios = new ArrayList<>();

    @Option(names = "--target", paramLabel = "T", converter = Converters.Target.class,
            completionCandidates = Converters.Targets.class,
            description = "run the scenarios on this target (default: each one's first target)")
    TargetKind target;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "write lint.txt, lint-junit.xml and, for scenario runs, junit.xml and report.html here")
    Path reportDir;

    ValidateCommand(LabContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ctx = slurmVersion.apply(ctx);
        LintOptions options = settings.options();
        LintReport lint = settings.lint(ctx);
        out.println("lint " + settings.slurmConf + ":");
        LintCommand.print(lint, out);
        int status = lint.exitStatus(settings.strict);
        if (reportDir != null) {
            writeLint(lint, options);
        }

        List<ScenarioResult> results = new ArrayList<>();
        if (settings.parsed().isEmpty()) {
            err.println("elastic-lab: note: " + settings.slurmConf + " is not simulated: slurmctld would not start "
                    + "with it (see the slurm-conf errors)");
        } else if (ctx.targets().available().contains(TargetKind.SIM)) {
            status = Math.max(status, simulateSite(results, out, err));
        } else {
            err.println("elastic-lab: note: simulating " + settings.slurmConf + " and its hook programs on sim "
                    + "under a burst and under failures needs the sim runner: runner for target sim not available yet; linted "
                    + "only");
        }
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
                Target runner;
                try {
                    runner = ctx.targets().get(kind).forVersion(loaded.version(), ctx.env());
                } catch (IllegalArgumentException e) { // the target does not run this version
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
                results.add(new ScenarioRunner(ctx.clock()).run(loaded, runner,
                        new TerminalProgress(err, ctx.clock(), Duration.ofSeconds(10))));
            } catch (TargetUnavailableException e) {
                err.println("elastic-lab: scenario " + file + " not run: " + e.getMessage());
                status = Math.max(status, ExitCodes.UNAVAILABLE);
            }
        }
        if (!results.isEmpty()) {
            RunReport report = new RunReport("elastic-lab validate " + settings.slurmConf, ctx.clock().instant(),
                    results);
            out.print(new TerminalSummary().render(report, false));
            if (reportDir != null) {
                ReportFiles.write(reportDir, report);
            }
            if (!report.passed()) {
                status = Math.max(status, ExitCodes.FAILED);
            }
        }
        out.println(slurmVersion.summaryLine());
        out.flush();
        return status;
    }

    /** The site's conf and hook programs on sim, under a burst and a boot outlasting ResumeTimeout. */
    private int simulateSite(List<ScenarioResult> results, PrintWriter out, PrintWriter err) {
        Map<String, String> site = SiteScenarios.of(settings.slurmConf, settings.parsed().orElseThrow(),
                Optional.ofNullable(settings.bootTime), Optional.ofNullable(settings.burst));
        if (site.isEmpty()) {
            err.println("elastic-lab: note: " + settings.slurmConf + " has no CLOUD node in its default partition; "
                    + "nothing to simulate");
            return ExitCodes.OK;
        }
        int status = ExitCodes.OK;
        boolean keep = reportDir != null; // with --report-dir the generated files stay next to the reports
        Path dir;
        try {
            dir = keep ? Files.createDirectories(reportDir.resolve("site-scenarios"))
                    : Files.createTempDirectory("elastic-lab-validate-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the site scenarios", e);
        }
        try {
            for (Map.Entry<String, String> e : site.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.writeString(file, e.getValue());
                LoadedScenario loaded;
                try {
                    loaded = ScenarioFiles.load(file, ctx);
                } catch (ScenarioException x) {
                    err.println("elastic-lab: " + x.getMessage());
                    status = Math.max(status, ExitCodes.INVALID);
                    continue;
                }
                out.println("simulating " + settings.slurmConf + " on sim: " + loaded.scenario().description());
                results.add(withConfLine(new ScenarioRunner(ctx.clock()).run(loaded, siteTarget(),
                        new TerminalProgress(err, ctx.clock(), Duration.ofSeconds(10)))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site scenarios to " + dir, e);
        } finally {
            if (!keep) {
                deleteScratch(dir);
            }
        }
        return status;
    }

    /** A failed site run whose cause is a slurm.conf key gets the key's line: {@code ... (slurm.conf:5)}. */
    private ScenarioResult withConfLine(ScenarioResult r) {
        return FailureCause.of(r).filter(c -> c.confKey().isPresent()).map(c -> {
            String where = settings.parsed().flatMap(conf -> conf.parameterLocation(c.confKey().get()))
                    .filter(l -> l.line() > 0).map(Object::toString).orElse(settings.slurmConf.toString());
            return r.withCause(c.text() + " (" + where + ")");
        }).orElse(r);
    }

    /**
     * Sim reading the site's conf by the chosen version's rules (the lint's), checking the site's hook programs
     * under {@code --root} when it is given.
     */
    private Target siteTarget() {
        if (settings.root != null) {
            return new SimTarget(ctx.confParser(), HookProgramRules.under(settings.root));
        }
        Target sim = ctx.targets().get(TargetKind.SIM);
        return sim instanceof SimTarget s ? s.withParser(ctx.confParser()) : sim;
    }

    private static void deleteScratch(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    private void writeLint(LintReport lint, LintOptions options) {
        try {
            Files.createDirectories(reportDir);
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(reportDir.resolve("lint.txt"),
                    StandardCharsets.UTF_8))) {
                LintCommand.print(lint, w);
            }
            try (Writer w = Files.newBufferedWriter(reportDir.resolve("lint-junit.xml"), StandardCharsets.UTF_8)) {
                new LintJUnitReport().write(settings.slurmConf, Linter.standard(ctx.hookRules()).ruleIds(), lint,
                        settings.strict, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reports to " + reportDir, e);
        }
    }
}
