/**
 * fake-slurmctld as other modules use it: the one package they import. Two entry points and the small values they
 * take and give:
 * <ul>
 *   <li>{@link org.elasticslurm.fake.api.SimulatedSlurm}: slurmctld's power saving for a slurm.conf on a
 *       {@link org.elasticslurm.fake.api.VirtualClock}, with simulated slurmds, simulated hook programs and jobs
 *       (the scenarios' {@code sim} target);</li>
 *   <li>{@link org.elasticslurm.fake.api.DropInController}: a running drop-in {@code slurmctld} asked over its own
 *       wire protocol (node and job states), and {@link org.elasticslurm.fake.api.JsonText}, that protocol's JSON
 *       reader.</li>
 * </ul>
 * Nothing here leaks the emulator's own classes (controller, kernel, hook runner, wire codec): they may change
 * without touching the modules that use this package. This package depends on the rest of fake-slurmctld; nothing
 * in fake-slurmctld depends on it.
 */
package org.elasticslurm.fake.api;
