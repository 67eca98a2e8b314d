package org.elasticslurm.scenarios.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.report.ExpectationVerdict;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.StepOutcome;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * Progress lines for long runs, one per event, prefixed with the scenario, target and wall time:
 * {@code [level3 qemu 01:12] stage test1 slurmd registered after 38.2s}. Waits are reported at most every
 * {@code quiet} of wall time.
 */
final class TerminalProgress implements ProgressListener {
    private final PrintWriter out;
    private final Clock clock;
    private final Duration quiet;
    private Instant started;
    private Instant lastWait = Instant.MIN;
    private String prefix = "";

    TerminalProgress(PrintWriter out, Clock clock, Duration quiet) {
        this.out = out;
        this.clock = clock;
        this.quiet = quiet;
    }

    private void line(String text) {
        Duration wall = Duration.between(started, clock.instant());
        out.printf("[%s %02d:%02d] %s%n", prefix, wall.toMinutes(), wall.toSecondsPart(), text);
        out.flush();
    }

    /** {@code 1 step}, {@code 2 steps}. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    @Override
    public void scenarioStarted(Scenario scenario, TargetKind target) {
        started = clock.instant();
        prefix = scenario.name() + " " + target;
        line("starting: " + count(scenario.steps().size(), "step") + ", "
                + count(scenario.expectations().size(), "expectation"));
    }

    @Override
    public void stepStarted(int index, int of, String description) {
        line("step " + index + "/" + of + ": " + description);
    }

    @Override
    public void stepFinished(StepOutcome outcome) {
        if (outcome.status() != StepOutcome.Status.DONE) {
            line("step " + outcome.index() + " " + outcome.status().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', ' ') + ": " + outcome.detail());
        }
    }

    @Override
    public void waiting(String what, Duration scenarioTime) {
        Instant now = clock.instant();
        if (Duration.between(lastWait, now).compareTo(quiet) >= 0 || lastWait == Instant.MIN) {
            lastWait = now;
            line("waiting for " + what + " (scenario time " + Durations.format(scenarioTime) + ")");
        }
    }

    @Override
    public void stage(Stage stage) {
        line("stage " + (stage.node().isEmpty() ? "" : stage.node() + " ") + stage.name() + " after "
                + Durations.format(stage.duration()));
    }

    @Override
    public void expectationDecided(ExpectationVerdict v) {
        if (v.verdict() != Verdict.PASSED) {
            line("expect " + v.index() + " " + v.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ": " + v.description() + " - " + v.detail());
        }
    }

    @Override
    public void scenarioFinished(ScenarioResult result) {
        line(result.passed() ? "passed" : "FAILED");
    }
}
