package org.elasticslurm.fake.api;

import java.time.Instant;

/**
 * One start of a power-save program by the simulated slurmctld.
 *
 * @param time when it started
 * @param hook which program
 * @param hostlist its argument
 */
public record HookCall(Instant time, PowerSaveHook hook, String hostlist) {
}
