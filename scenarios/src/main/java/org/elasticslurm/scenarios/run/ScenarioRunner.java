package org.elasticslurm.scenarios.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.Durations;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.WaitCondition;
import org.elasticslurm.scenarios.report.ExpectationVerdict;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.StepOutcome;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.StepResult;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * Runs one scenario on one target: steps in order at their {@code at:} times, {@code advance} and
 * {@code wait} itself, actions through the target; then lets time pass until every expectation is decided or
 * the scenario's time limit is reached. Steps the target cannot run are reported "not applicable on
 * &lt;target&gt;: why", never skipped silently.
 */
public final class ScenarioRunner {
    /** Scenario time added to the derived limit, for the last windows to close. */
    static final Duration SLACK = Duration.ofSeconds(60);

    private final Clock clock;
    private final ExpectationChecker checker = new ExpectationChecker();

    /** @param clock the wall clock, for the run's wall time only */
    public ScenarioRunner(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs the scenario on the target; never throws for the scenario's own failures (they are in the result).
     *
     * @throws TargetUnavailableException when the target cannot run on this machine at all (e.g. its daemons are
     *                                    not installed or built); a lab that fails to set up is a failed result
     */
    public ScenarioResult run(LoadedScenario loaded, Target target, ProgressListener progress) {
        Scenario scenario = loaded.scenario();
        Instant started = clock.instant();
        progress.scenarioStarted(scenario, target.kind());
        TargetSession session;
        try {
            session = target.open(loaded, progress);
        } catch (TargetUnavailableException e) {
            throw e;
        } catch (TargetException e) {
            ScenarioResult r = new ScenarioResult(scenario.name(), scenario.description(), scenario.file(),
                    target.kind(), Duration.between(started, clock.instant()), Duration.ZERO, Observations.empty(),
                    List.of(), List.of(), Optional.of("could not set up " + target.kind() + ": " + e.getMessage()));
            progress.scenarioFinished(r);
            return r;
        }
        try (session) {
            Run run = new Run(scenario, loaded.version(), target, session, progress);
            List<StepOutcome> steps = run.steps();
            List<ExpectationVerdict> verdicts = run.settle();
            ScenarioResult r = new ScenarioResult(scenario.name(), scenario.description(), scenario.file(),
                    target.kind(), Duration.between(started, clock.instant()), session.now(), session.observations(),
                    steps, verdicts, Optional.empty());
            session.ended(r.passed());
            progress.scenarioFinished(r);
            return r;
        }
    }

    /** The scenario time after which a run stops waiting: the scenario's timeout, or derived from it. */
    public static Duration limit(Scenario scenario) {
        if (scenario.timeout().isPresent()) {
            return scenario.timeout().get();
        }
        Duration steps = Duration.ZERO;
        for (Step s : scenario.steps()) {
            if (s.header().at().isPresent() && s.header().at().get().compareTo(steps) > 0) {
                steps = s.header().at().get();
            }
            if (s instanceof Step.Advance a) {
                steps = steps.plus(a.by());
            } else if (s instanceof Step.WaitFor w) {
                steps = steps.plus(w.timeout());
            }
        }
        Duration windows = Duration.ZERO;
        for (Expectation e : scenario.expectations()) {
            windows = windows.plus(window(e));
        }
        return steps.plus(windows).plus(SLACK);
    }

    /**
     * Why no target carries out the action: the steps only the differential suite runs (background commands, marks,
     * recorded log lines; {@code differential/README.md}).
     */
    static Optional<String> differentialOnly(Step.Action action) {
        if (action instanceof Step.RunCommand r && r.background() || action instanceof Step.Mark
                || action instanceof Step.LogLines) {
            return Optional.of("only the differential suite carries this step out (it records it in a trace)");
        }
        return Optional.empty();
    }

    private static Duration window(Expectation e) {
        if (e instanceof Expectation.Reaches r) {
            return r.within();
        } else if (e instanceof Expectation.Stays s) {
            return s.during();
        } else if (e instanceof Expectation.HookCalled h) {
            return h.within().orElse(Duration.ZERO);
        } else if (e instanceof Expectation.JobOutcome j) {
            return j.within().orElse(Duration.ZERO);
        } else if (e instanceof Expectation.LogLine l) {
            return l.within().orElse(Duration.ZERO);
        }
        return Duration.ZERO;
    }

    /** One run's mutable state, confined to the runner's thread. */
    private final class Run {
        private final Scenario scenario;
        private final SlurmVersion version;
        private final Target target;
        private final TargetSession session;
        private final ProgressListener progress;
        private final Map<String, StepSpan> stepSpans = new HashMap<>();
        private final Set<Stage> stagesAnnounced = new HashSet<>();
        private final Duration limit;

        Run(Scenario scenario, SlurmVersion version, Target target, TargetSession session,
            ProgressListener progress) {
            this.scenario = scenario;
            this.version = version;
            this.target = target;
            this.session = session;
            this.progress = progress;
            this.limit = limit(scenario);
        }

        List<StepOutcome> steps() {
            List<StepOutcome> out = new ArrayList<>();
            List<Step> steps = scenario.steps();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                step.header().at().ifPresent(session::advanceTo);
                Duration start = session.now();
                progress.stepStarted(i + 1, steps.size(), step.describe());
                StepOutcome outcome = step(i + 1, step, start);
                if (outcome.status() != StepOutcome.Status.NOT_APPLICABLE) {
                    step.header().id().ifPresent(id -> stepSpans.put(id, span(step, outcome)));
                }
                out.add(outcome);
                progress.stepFinished(outcome);
            }
            return out;
        }

        /** An action is issued when it starts; a wait or a pause is one moment, when it ended. */
        private StepSpan span(Step step, StepOutcome outcome) {
            return step instanceof Step.Action ? new StepSpan(outcome.startedAt(), outcome.finishedAt())
                    : StepSpan.at(outcome.finishedAt());
        }

        private StepOutcome step(int index, Step step, Duration start) {
            if (step instanceof Step.Advance a) {
                session.advanceTo(start.plus(a.by()));
                return outcome(index, step, StepOutcome.Status.DONE, start, "");
            }
            if (step instanceof Step.WaitFor w) {
                return waitFor(index, w, start);
            }
            Step.Action action = (Step.Action) step;
            Optional<String> why = differentialOnly(action).or(() -> target.cannotRun(action));
            if (why.isPresent()) {
                return outcome(index, step, StepOutcome.Status.NOT_APPLICABLE, start,
                        "not applicable on " + target.kind() + ": " + why.get());
            }
            try {
                StepResult r = session.perform(action);
                Duration now = session.now();
                Duration done = r.doneAt().filter(at -> at.compareTo(start) >= 0 && at.compareTo(now) <= 0)
                        .orElse(now);
                return new StepOutcome(index, step.describe(),
                        r.ok() ? StepOutcome.Status.DONE : StepOutcome.Status.FAILED, start, done, r.detail());
            } catch (TargetException e) {
                return outcome(index, step, StepOutcome.Status.FAILED, start, e.getMessage());
            }
        }

        private StepOutcome waitFor(int index, Step.WaitFor w, Duration start) {
            Duration deadline = start.plus(w.timeout());
            progress.waiting(w.condition().toString(), start);
            while (true) {
                Observations obs = session.observations();
                announceStages(obs);
                if (holds(w.condition(), start, obs)) {
                    return outcome(index, w, StepOutcome.Status.DONE, start, w.condition() + " at "
                            + Durations.format(session.now()));
                }
                if (session.now().compareTo(deadline) >= 0) {
                    return outcome(index, w, StepOutcome.Status.FAILED, start, "timed out after "
                            + Durations.format(w.timeout()) + ": not " + w.condition());
                }
                session.advanceTo(min(deadline, session.now().plus(session.pollInterval())));
            }
        }

        private boolean holds(WaitCondition c, Duration since, Observations obs) {
            if (c instanceof WaitCondition.NodeIn n) {
                return obs.stateAt(n.node(), session.now()).map(n.state()::matches).orElse(false);
            } else if (c instanceof WaitCondition.JobEnded j) {
                return Optional.ofNullable(obs.jobs().get(j.job())).map(r -> r.state().isFinal()).orElse(false);
            }
            WaitCondition.HookCalled h = (WaitCondition.HookCalled) c;
            return obs.hooks().stream().anyMatch(call -> call.hook() == h.hook() && call.at().compareTo(since) >= 0);
        }

        /** Tells the listener of the stages that ended since it last heard (while a wait step waits, and settling). */
        private void announceStages(Observations obs) {
            obs.stages().stream().filter(stagesAnnounced::add).forEach(progress::stage);
        }

        private StepOutcome outcome(int index, Step step, StepOutcome.Status status, Duration start, String detail) {
            return new StepOutcome(index, step.describe(), status, start, session.now(), detail);
        }

        /** Lets time pass until every expectation is decided or the limit is reached; then the final verdicts. */
        List<ExpectationVerdict> settle() {
            Set<Integer> announced = new HashSet<>();
            while (true) {
                List<ExpectationVerdict> v = check(false);
                announceStages(session.observations());
                v.stream().filter(x -> x.verdict() != Verdict.PENDING && announced.add(x.index()))
                        .forEach(progress::expectationDecided);
                boolean onlyEndOfRun = true;
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i).verdict() == Verdict.PENDING && !decidedAtEnd(scenario.expectations().get(i))) {
                        onlyEndOfRun = false;
                    }
                }
                if (onlyEndOfRun || session.now().compareTo(limit) >= 0) {
                    break;
                }
                progress.waiting("expectations", session.now());
                session.advanceTo(min(limit, session.now().plus(session.pollInterval())));
            }
            List<ExpectationVerdict> last = check(true);
            last.stream().filter(x -> announced.add(x.index())).forEach(progress::expectationDecided);
            return last;
        }

        private List<ExpectationVerdict> check(boolean finished) {
            return checker.check(scenario.expectations(), new ExpectationChecker.Input(session.observations(),
                    stepSpans, session.now(), finished, e -> notForVersion(e, version).or(() -> target.cannotCheck(e)
                    .map(why -> "not applicable on " + target.kind() + ": " + why))));
        }
    }

    /** Why an expectation with {@code versions:} does not hold for a run of {@code version}, or empty. */
    static Optional<String> notForVersion(Expectation e, SlurmVersion version) {
        if (e.header().holdsFor(version)) {
            return Optional.empty();
        }
        return Optional.of("not applicable on Slurm " + version + ": holds for Slurm " + e.header().versions().stream()
                .map(SlurmVersion::label).collect(java.util.stream.Collectors.joining(", ")) + " only");
    }

    /** Expectations whose window only closes with the run (no {@code within}): not waited for. */
    private static boolean decidedAtEnd(Expectation e) {
        if (e instanceof Expectation.NoVmLeft || e instanceof Expectation.DefunctProcesses) {
            return true;
        } else if (e instanceof Expectation.HookCalled h) {
            return h.within().isEmpty() && h.times().isPresent();
        }
        return false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
