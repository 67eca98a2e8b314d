/**
 * Parts of a lab shared by the targets that run real processes: the scenario's slurm.conf text (made concrete
 * for a lab by slurm-lab's {@link org.elasticslurm.lab.real.ConfTemplate}), jobs (their processes
 * ended by PID through slurm-lab's {@link org.elasticslurm.lab.process.NamedProcesses}), the controller's view
 * (fake-slurmctld's wire API or {@code scontrol}), fake-slurmctld's drop-ins, and the teardown that also runs on
 * SIGTERM.
 */
package org.elasticslurm.scenarios.target.lab;
