package org.elasticslurm.provisioner.operation;

import java.util.Optional;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.PostConfigurer;
import org.elasticslurm.provisioner.slurm.SlurmController;

/**
 * What the engine acts on.
 *
 * @param backend where machines live
 * @param slurm the Slurm controller
 * @param postConfigurer runs pools' post-config commands, if available
 */
public record Ports(MachineBackend backend, SlurmController slurm, Optional<PostConfigurer> postConfigurer) {
}
