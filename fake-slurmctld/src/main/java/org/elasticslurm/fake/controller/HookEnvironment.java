package org.elasticslurm.fake.controller;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.elasticslurm.fake.hook.HookInvocation;
import org.elasticslurm.fake.hook.HookKind;

/**
 * What every power-save program gets from the controller: the environment (exactly {@code SLURM_CONF} in 22.05)
 * and the controller's working directory.
 *
 * @param slurmConf the path slurmctld read its configuration from (the value of SLURM_CONF)
 * @param workingDirectory the controller's working directory
 */
public record HookEnvironment(Path slurmConf, Path workingDirectory) {

    public HookEnvironment {
        Objects.requireNonNull(slurmConf, "slurmConf");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    HookInvocation invocation(HookKind kind, String program, String hostlist, String resumeJson) {
        return new HookInvocation(kind, program, hostlist, Map.of("SLURM_CONF", slurmConf.toString()),
                java.util.Optional.ofNullable(resumeJson), workingDirectory);
    }
}
