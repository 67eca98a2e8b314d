package org.elasticslurm.scenarios.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.Observations;
import org.elasticslurm.scenarios.trace.Stage;
import org.elasticslurm.scenarios.trace.StateChange;

/**
 * One scenario's run on one target, as reports show it.
 *
 * @param name scenario name
 * @param description what it shows
 * @param file the scenario file
 * @param target where it ran
 * @param wallTime how long the run took on the wall clock
 * @param scenarioTime how much scenario time passed (virtual on sim)
 * @param observations node states over time, hook calls, log lines, jobs, stages
 * @param steps the steps' outcomes, in order
 * @param verdicts the expectations' verdicts, in order
 * @param error why the run could not proceed (the target failed to start), if it could not
 * @param cause why it failed, when the caller knows better than {@link FailureCause} (e.g. with the slurm.conf
 *              line); empty: derived
 */
public record ScenarioResult(String name, String description, Path file, TargetKind target, Duration wallTime,
                             Duration scenarioTime, Observations observations, List<StepOutcome> steps,
                             List<ExpectationVerdict> verdicts, Optional<String> error, Optional<String> cause) {

    public ScenarioResult {
        steps = List.copyOf(steps);
        verdicts = List.copyOf(verdicts);
    }

    /** A result whose cause of failure is derived ({@link FailureCause}). */
    public ScenarioResult(String name, String description, Path file, TargetKind target, Duration wallTime,
                          Duration scenarioTime, Observations observations, List<StepOutcome> steps,
                          List<ExpectationVerdict> verdicts, Optional<String> error) {
        this(name, description, file, target, wallTime, scenarioTime, observations, steps, verdicts, error,
                Optional.empty());
    }

    /** This result with the cause of its failure stated. */
    public ScenarioResult withCause(String text) {
        return new ScenarioResult(name, description, file, target, wallTime, scenarioTime, observations, steps,
                verdicts, error, Optional.of(text));
    }

    /** Why it failed, in one line (reports show it first); empty when it passed. */
    public Optional<String> failureCause() {
        if (passed()) {
            return Optional.empty();
        }
        return cause.or(() -> FailureCause.of(this).map(FailureCause::text));
    }

    /** Whether the run went through and every applicable expectation passed and no step failed. */
    public boolean passed() {
        return error.isEmpty()
                && steps.stream().noneMatch(s -> s.status() == StepOutcome.Status.FAILED)
                && verdicts.stream().noneMatch(v -> v.verdict() == Verdict.FAILED || v.verdict() == Verdict.PENDING);
    }

    /** Each node's state changes, nodes in order of first appearance. */
    public java.util.Map<String, List<StateChange>> nodeStates() {
        return observations.byNode();
    }

    /** The hook calls, in order. */
    public List<HookCall> hookCalls() {
        return observations.hooks();
    }

    /** Nodes with identical timelines grouped under one hostlist, in order of first appearance. */
    public List<NodeGroup> nodeGroups() {
        return NodeGroup.of(nodeStates());
    }

    /** Per-stage durations (real runs). */
    public List<Stage> stages() {
        return observations.stages();
    }

    /** Count of verdicts with this outcome. */
    public long count(Verdict verdict) {
        return verdicts.stream().filter(v -> v.verdict() == verdict).count();
    }
}
