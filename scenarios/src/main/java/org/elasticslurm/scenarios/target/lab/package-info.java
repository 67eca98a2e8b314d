/**
 * Parts of a lab shared by the targets that run real processes: slurm.conf made concrete for a lab
 * ({@link org.elasticslurm.scenarios.target.lab.LabConf}), processes ended by PID
 * ({@link org.elasticslurm.scenarios.target.lab.LabProcesses}), jobs, the controller's view (fake-slurmctld's wire
 * API or {@code scontrol}), fake-slurmctld's drop-ins, and the teardown that also runs on SIGTERM.
 */
package org.elasticslurm.scenarios.target.lab;
