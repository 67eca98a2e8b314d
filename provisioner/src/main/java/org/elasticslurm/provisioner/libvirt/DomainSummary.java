package org.elasticslurm.provisioner.libvirt;

import java.util.List;
import java.util.Optional;

/**
 * A domain as listed: identity, state, size, MACs and our metadata if it carries any.
 *
 * @param name domain name
 * @param uuid domain UUID
 * @param state run state
 * @param persistent whether it is defined (survives shutdown)
 * @param vcpus virtual CPUs
 * @param memoryKiB maximum memory
 * @param macs MAC addresses of its interfaces, lower case
 * @param metadata our metadata, or empty when the domain is not ours
 */
public record DomainSummary(String name, String uuid, DomainState state, boolean persistent, int vcpus,
                            long memoryKiB, List<String> macs, Optional<DomainMetadata> metadata) {
    /** Copies the MAC list. */
    public DomainSummary {
        macs = List.copyOf(macs);
    }

    /** Whether it carries our metadata naming this node and pool. */
    public boolean serves(String node, String pool) {
        return metadata.map(m -> m.serves(node, pool)).orElse(false);
    }
}
