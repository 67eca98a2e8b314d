package org.elasticslurm.scenarios.model;

import java.time.Duration;

/**
 * The moment an expectation's window starts ({@code after:}): the scenario start, a scenario time, the
 * completion of a step, or the moment an earlier expectation was met.
 */
public sealed interface Anchor {

    /** The scenario start (time 0). */
    record Start() implements Anchor {
        @Override
        public String toString() {
            return "start";
        }
    }

    /** A scenario time. */
    record At(Duration time) implements Anchor {
        @Override
        public String toString() {
            return Durations.format(time);
        }
    }

    /** When the step with this id completed (a submit: when the job was submitted; a wait: when it held). */
    record AfterStep(String stepId) implements Anchor {
        @Override
        public String toString() {
            return stepId;
        }
    }

    /** When the (earlier) expectation with this id was met. */
    record AfterExpectation(String expectationId) implements Anchor {
        @Override
        public String toString() {
            return expectationId;
        }
    }
}
