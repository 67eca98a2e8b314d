package org.elasticslurm.scenarios.target;

import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.report.ExpectationVerdict;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.StepOutcome;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * Hears how a run progresses, for long runs (Level 3 on real VMs takes minutes). Every method has an empty
 * default; calls come from the runner's thread, in order.
 */
public interface ProgressListener {

    /** Does nothing. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** A scenario starts on a target. */
    default void scenarioStarted(Scenario scenario, TargetKind target) {
    }

    /** A step starts (1-based index of the scenario's steps). */
    default void stepStarted(int index, int of, String description) {
    }

    /** A step has an outcome. */
    default void stepFinished(StepOutcome outcome) {
    }

    /** The runner waits for something (a {@code wait} step, or expectation windows still open). */
    default void waiting(String what, java.time.Duration scenarioTime) {
    }

    /**
     * A stage of a real run ended (VM created, address known, slurmd registered ...): heard while a {@code wait} step
     * waits and while the expectations are waited for, soon after it ended (within the target's poll interval).
     */
    default void stage(Stage stage) {
    }

    /** An expectation was decided. */
    default void expectationDecided(ExpectationVerdict verdict) {
    }

    /** A scenario ended. */
    default void scenarioFinished(ScenarioResult result) {
    }
}
