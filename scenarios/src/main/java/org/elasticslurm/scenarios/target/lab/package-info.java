/**
 * Parts of a lab shared by the targets that run real processes: slurm.conf made concrete for a lab
 * ({@link org.elasticslurm.scenarios.target.lab.LabConf}), jobs (their processes
 * ended by PID through slurm-lab's {@link org.elasticslurm.lab.process.NamedProcesses}), the controller's view
 * (fake-slurmctld's wire API or {@code scontrol}), fake-slurmctld's drop-ins, and the teardown that also runs on
 * SIGTERM.
 */
package org.elasticslurm.scenarios.target.lab;
