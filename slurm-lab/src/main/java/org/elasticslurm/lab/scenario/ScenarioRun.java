package org.elasticslurm.lab.scenario;

import java.util.Optional;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.lab.trace.Trace;

/**
 * The outcome of running a scenario on one side.
 *
 * @param scenario the scenario
 * @param side     the label of the side it ran on ({@link SlurmCommands#label()})
 * @param trace    what was recorded
 * @param abort    why the steps stopped early, if they did (also recorded as an {@code abort} line)
 */
public record ScenarioRun(Scenario scenario, String side, Trace trace, Optional<String> abort) {
}
