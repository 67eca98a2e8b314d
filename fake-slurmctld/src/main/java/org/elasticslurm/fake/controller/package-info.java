/**
 * slurmctld 22.05's power-saving controller ({@link org.elasticslurm.fake.controller.SlurmController}), ported
 * from power_save.c, node_mgr.c, node_scheduler.c, job_mgr.c and ping_nodes.c of slurm-22-05-8-1:
 * <ul>
 *   <li>node state words with the real display strings ({@link org.elasticslurm.fake.controller.NodeState});</li>
 *   <li>the power-save thread: a one-second loop that scans when a node changed since the last scan or every
 *       power_save_interval, the decaying ResumeRate/SuspendRate counters, wakes for jobs and POWER_UP, idle
 *       suspends (SuspendTime per node, SuspendExcNodes with counts, SuspendExcParts), SuspendTimeout,
 *       ResumeTimeout with ResumeFailProgram, one program run per kind and scan, reaped every second;</li>
 *   <li>registrations with the boot-time test and ReturnToService, pings and "Not responding", the
 *       {@code scontrol update} state requests and addresses, PrivateData=cloud visibility;</li>
 *   <li>a small FIFO job model: srun and sbatch jobs, CONFIGURING while nodes boot, NODE_FAIL or requeue when a
 *       node fails, squeue's states; scheduler passes paced as the background thread paces them
 *       (batch_sched_delay, sched_interval, both counted from the thread's start).</li>
 * </ul>
 * Times are whole seconds as slurmctld's {@code time(NULL)}, which is what makes the scan grid and the
 * "same second" rescans come out as in the real daemon's traces. The controller is confined to the thread of its
 * {@link org.elasticslurm.fake.sim.Scheduler}; queries return immutable snapshots. Not modelled: backfill,
 * reservations, reboots, features, GRES, time limits, state save/recovery across restarts.
 */
package org.elasticslurm.fake.controller;
