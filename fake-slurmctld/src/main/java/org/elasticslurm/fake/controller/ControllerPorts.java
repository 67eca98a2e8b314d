package org.elasticslurm.fake.controller;

import java.util.Objects;
import org.elasticslurm.fake.hook.HookRunner;
import org.elasticslurm.fake.job.JobLauncher;

/**
 * The outside world of the controller: the programs it runs, the slurmds it talks to, the work it hands to nodes
 * and where its log goes.
 *
 * @param hooks runs SuspendProgram, ResumeProgram, ResumeFailProgram
 * @param slurmds pings and registration requests
 * @param launcher batch scripts, srun steps and epilogs
 * @param log the log lines (SlurmctldLogFile)
 */
public record ControllerPorts(HookRunner hooks, SlurmdChannel slurmds, JobLauncher launcher, LogSink log) {
    public ControllerPorts {
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(slurmds, "slurmds");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(log, "log");
    }
}
