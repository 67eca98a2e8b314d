package org.elasticslurm.scenarios.model;

import org.elasticslurm.conf.SlurmConf;

/**
 * A scenario checked against its slurm.conf: ready to run.
 *
 * @param scenario the scenario
 * @param slurmConf its slurm.conf, parsed ({@code $LAB} and {@code $HOST} still unreplaced)
 */
public record LoadedScenario(Scenario scenario, SlurmConf slurmConf) {
}
