/**
 * Running SuspendProgram, ResumeProgram and ResumeFailProgram. {@link org.elasticslurm.fake.hook.HookRunner} is
 * the controller's port; {@link org.elasticslurm.fake.hook.RecordingHookRunner} records calls on the virtual
 * clock; {@link org.elasticslurm.fake.hook.ProcessHookRunner} runs the programs for real exactly as slurmctld
 * 22.05 does (argv, environment, cwd, closed descriptors, blocked signals, own process group, never killed,
 * always reaped) and diagnoses what they leave behind (processes outliving them, zombies).
 */
package org.elasticslurm.fake.hook;
