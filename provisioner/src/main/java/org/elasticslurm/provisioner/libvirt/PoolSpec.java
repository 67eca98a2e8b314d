package org.elasticslurm.provisioner.libvirt;

import java.util.List;
import java.util.Optional;

/** A pool of nodes whose machines live on libvirt hosts. */
public sealed interface PoolSpec permits ExistingPoolSpec, CreatePoolSpec {

    /** Pool name. */
    String name();

    /** Its nodes. */
    List<String> nodes();

    /** The one host it is pinned to, or empty for any. */
    Optional<String> uri();

    /** Domain name template, {@code {node}} replaced by the node name. */
    String domainTemplate();

    /** Fixed MAC to IP assignments. */
    StaticAddressMap staticAddresses();

    /** Whether to ask the guest agent for the address. */
    boolean guestAgent();

    /** The command that connects a started-paused domain's taps before it runs, if the pool has one. */
    Optional<AttachCommand> attach();

    /** The domain name of a node. */
    default String domainName(String node) {
        return DomainSpec.requireName(domainTemplate().replace("{node}", node));
    }

    /**
     * Checks a domain name template: it must contain {@code {node}} (else every node would map to one domain) and
     * give a usable domain name for every node.
     *
     * @throws IllegalArgumentException naming the pool and the rule
     */
    static void checkTemplate(String pool, String template, List<String> nodes) {
        if (!template.contains("{node}")) {
            throw new IllegalArgumentException("provisioner.pools." + pool + ".domain: '" + template
                    + "' must contain {node}");
        }
        for (String node : nodes) {
            try {
                DomainSpec.requireName(template.replace("{node}", node));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("provisioner.pools." + pool + ".domain: for node " + node + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
