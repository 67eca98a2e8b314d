package org.elasticslurm.provisioner.cloudinit;

import java.util.Optional;

/**
 * The three files of a cloud-init NoCloud seed.
 *
 * @param metaData {@code meta-data}: instance-id and local-hostname
 * @param userData {@code user-data}: the rendered template
 * @param networkConfig {@code network-config}, when the seed carries one
 */
public record NoCloudSeed(String metaData, String userData, Optional<String> networkConfig) {

    /** Builds a node's seed from its inputs, the pool's checked template and its network configuration. */
    public static NoCloudSeed of(SeedInputs inputs, UserDataTemplate userData, NetworkConfig network) {
        String metaData = "instance-id: " + inputs.instanceId() + "\nlocal-hostname: " + inputs.hostname() + "\n";
        return new NoCloudSeed(metaData, userData.render(inputs.variables()), network.render());
    }
}
