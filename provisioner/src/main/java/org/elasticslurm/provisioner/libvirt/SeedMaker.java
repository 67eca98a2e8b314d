package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.cloudinit.DefaultUserData;
import org.elasticslurm.provisioner.cloudinit.NetworkConfig;
import org.elasticslurm.provisioner.cloudinit.NoCloudSeed;
import org.elasticslurm.provisioner.cloudinit.SeedException;
import org.elasticslurm.provisioner.cloudinit.SeedInputs;
import org.elasticslurm.provisioner.cloudinit.SeedIsoBuilder;
import org.elasticslurm.provisioner.cloudinit.UserDataTemplate;

/**
 * Makes a pool's NoCloud seed ISOs. The template is loaded and checked when the pool is set up; the munge key
 * and slurm.conf are read at every creation, so a new key or configuration reaches the next machines.
 */
final class SeedMaker {
    private final CreatePoolSpec pool;
    private final UserDataTemplate template;
    private final SeedIsoBuilder iso;
    private final Path slurmConf;

    /**
     * @throws IllegalArgumentException when the template cannot be read or breaks a rule
     */
    SeedMaker(CreatePoolSpec pool, SeedIsoBuilder iso, Path slurmConf) {
        this.pool = pool;
        this.iso = iso;
        this.slurmConf = slurmConf;
        CreatePoolSpec.Seed seed = pool.seed();
        SeedInputs.checkExtra(seed.extraVariables());
        var known = SeedInputs.knownVariables(seed.extraVariables().keySet());
        this.template = seed.userDataTemplate().map(p -> {
            try {
                return UserDataTemplate.parse(p.toString(), Files.readString(p, StandardCharsets.UTF_8), known);
            } catch (IOException e) {
                throw new IllegalArgumentException("provisioner.pools." + pool.name() + ".user-data: " + p
                        + " cannot be read: " + e.getMessage(), e);
            }
        }).orElseGet(() -> DefaultUserData.template(seed.extraVariables().keySet()));
    }

    /**
     * Builds a node's seed.
     *
     * @throws BackendException (permanent) when a file cannot be read or the ISO cannot be built
     */
    byte[] build(String node, String instanceId, String mac, Optional<String> staticAddress) {
        CreatePoolSpec.Seed seed = pool.seed();
        try {
            byte[] munge = Files.readAllBytes(seed.mungeKey());
            String conf = Files.readString(slurmConf, StandardCharsets.UTF_8);
            SeedInputs inputs = new SeedInputs(node, node, pool.name(), instanceId, munge, conf,
                    seed.extraVariables());
            return iso.build(NoCloudSeed.of(inputs, template, networkConfig(node, mac, staticAddress)), seed.files());
        } catch (IOException e) {
            throw new BackendException("seed of " + node + ": cannot read " + e.getMessage(), false, e);
        } catch (SeedException | IllegalArgumentException e) {
            throw new BackendException("seed of " + node + ": " + e.getMessage(), false, e);
        }
    }

    private NetworkConfig networkConfig(String node, String mac, Optional<String> staticAddress) {
        CreatePoolSpec.Seed seed = pool.seed();
        return switch (seed.networkConfig()) {
            case NONE -> new NetworkConfig.None();
            case DHCP -> new NetworkConfig.Dhcp(mac);
            case STATIC -> new NetworkConfig.Static(mac, staticAddress.orElseThrow(() -> new IllegalArgumentException(
                    "network-config=static but the static map has no address for MAC " + mac + " of node " + node)),
                    seed.staticPrefix(), seed.gateway(), seed.dns());
        };
    }
}
