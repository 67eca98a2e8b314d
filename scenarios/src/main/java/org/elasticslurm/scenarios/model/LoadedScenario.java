package org.elasticslurm.scenarios.model;

import org.elasticslurm.conf.SlurmConf;

/**
 * A scenario checked against its slurm.conf: ready to run.
 *
 * @param scenario the scenario, with the steps of {@code version} only (a step with {@code versions:} runs on those)
 * @param slurmConf its slurm.conf, parsed ({@code $LAB} and {@code $HOST} still unreplaced)
 * @param version the Slurm version it runs as (whose rules read slurm.conf; expectations with {@code versions:}
 *                hold for the versions they name only)
 */
public record LoadedScenario(Scenario scenario, SlurmConf slurmConf, org.elasticslurm.conf.SlurmVersion version) {
}
