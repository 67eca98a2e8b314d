package org.elasticslurm.provisioner.libvirt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Level 2: every node has a domain already; resume starts it, suspend shuts it down (ACPI) and destroys it after
 * the grace period.
 *
 * @param name pool name
 * @param nodes nodes
 * @param uri pinned host, or empty
 * @param domainTemplate domain name of a node ({@code {node}}); a domain carrying our metadata for the node is
 *                       found too
 * @param shutdownGrace how long a graceful shutdown may take
 * @param staticAddresses fixed MAC to IP assignments
 * @param guestAgent whether to ask the guest agent for the address
 * @param attach when present, the domain is started paused, this command connects the tap of its interface of
 *               type ethernet (read from the live definition), then it is resumed
 */
public record ExistingPoolSpec(String name, List<String> nodes, Optional<String> uri, String domainTemplate,
                               Duration shutdownGrace, StaticAddressMap staticAddresses, boolean guestAgent,
                               Optional<AttachCommand> attach)
        implements PoolSpec {

    /** A pool whose domains are started plainly. */
    public ExistingPoolSpec(String name, List<String> nodes, Optional<String> uri, String domainTemplate,
                            Duration shutdownGrace, StaticAddressMap staticAddresses, boolean guestAgent) {
        this(name, nodes, uri, domainTemplate, shutdownGrace, staticAddresses, guestAgent, Optional.empty());
    }

    /** Checks the template and grace. */
    public ExistingPoolSpec {
        nodes = List.copyOf(nodes);
        PoolSpec.checkTemplate(name, domainTemplate, nodes);
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("provisioner.pools." + name + ".shutdown-grace must not be negative");
        }
    }
}
