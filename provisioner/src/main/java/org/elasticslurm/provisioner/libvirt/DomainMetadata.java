package org.elasticslurm.provisioner.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What we record in a domain's {@code <metadata>}, in our own XML namespace {@value #NAMESPACE}: the node and
 * pool it serves, the operation that last created or started it, how it came to be ours, and what to delete
 * with it, and the owner (the service, {@code provisioner.owner}) as attribute {@code owner} of the element.
 * This is what lets a restarted provisioner find its machines and nothing else: a service lists, recovers and
 * cleans up only domains of its own owner. Metadata written by older versions has no owner.
 *
 * @param node Slurm node name
 * @param pool pool name
 * @param operationId operation that created or started it last
 * @param origin created by us, or an existing domain mapped to the node
 * @param volumes volumes to delete with it (created domains)
 * @param seedFile seed ISO written as a plain file, to delete with it
 * @param owner the service that wrote it; empty when written by a version without owners
 */
public record DomainMetadata(String node, String pool, String operationId, MachineOrigin origin,
                             List<VolumeRef> volumes, Optional<String> seedFile, Optional<String> owner) {
    /** Our metadata namespace. */
    public static final String NAMESPACE = "http://elasticslurm.org/xmlns/libvirt/machine/1";
    /** Prefix used when writing the element. */
    public static final String PREFIX = "es";
    static final String ELEMENT = "machine";

    /** Copies the volume list. */
    public DomainMetadata {
        volumes = List.copyOf(volumes);
    }

    /** Metadata without owner, as versions without owners wrote it. */
    public DomainMetadata(String node, String pool, String operationId, MachineOrigin origin, List<VolumeRef> volumes,
                          Optional<String> seedFile) {
        this(node, pool, operationId, origin, volumes, seedFile, Optional.empty());
    }

    /** This metadata with another operation. */
    public DomainMetadata withOperation(String operation) {
        return new DomainMetadata(node, pool, operation, origin, volumes, seedFile, owner);
    }

    /** This metadata naming {@code name} as its owner. */
    public DomainMetadata withOwner(String name) {
        return new DomainMetadata(node, pool, operationId, origin, volumes, seedFile, Optional.of(name));
    }

    /** Whether it names {@code name} as its owner. */
    public boolean ownedBy(String name) {
        return owner.map(name::equals).orElse(false);
    }

    /** Whether it says the domain serves {@code node} of {@code pool}. */
    public boolean serves(String node, String pool) {
        return this.node.equals(node) && this.pool.equals(pool);
    }

    /** The {@code <es:machine>} element, namespace declared on it (for domain XML). */
    public String toXml() {
        return render(PREFIX + ":", owner.map(o -> new String[] {"xmlns:" + PREFIX, NAMESPACE, "owner", o})
                .orElse(new String[] {"xmlns:" + PREFIX, NAMESPACE}));
    }

    /** The element without namespace, as libvirt's metadata API takes it (it adds the namespace itself). */
    String toPlainXml() {
        return render("", owner.map(o -> new String[] {"owner", o}).orElse(new String[0]));
    }

    private String render(String prefix, String[] rootAttributes) {
        XmlText x = new XmlText();
        x.open(prefix + ELEMENT, rootAttributes);
        x.element(prefix + "node", node);
        x.element(prefix + "pool", pool);
        x.element(prefix + "operation", operationId);
        x.element(prefix + "origin", origin.name().toLowerCase());
        for (VolumeRef v : volumes) {
            x.element(prefix + "volume", v.name(), "pool", v.storagePool());
        }
        seedFile.ifPresent(f -> x.element(prefix + "seed-file", f));
        x.close(prefix + ELEMENT);
        return x.toString();
    }

    /**
     * Reads our element.
     *
     * @return empty when the element lacks node or pool (not written by us)
     */
    static Optional<DomainMetadata> fromElement(Element e) {
        String node = child(e, "node");
        String pool = child(e, "pool");
        if (node.isEmpty() || pool.isEmpty()) {
            return Optional.empty();
        }
        MachineOrigin origin = "existing".equals(child(e, "origin")) ? MachineOrigin.EXISTING : MachineOrigin.CREATED;
        List<VolumeRef> volumes = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element v && NAMESPACE.equals(v.getNamespaceURI()) && "volume".equals(v.getLocalName())) {
                volumes.add(new VolumeRef(v.getAttribute("pool"), v.getTextContent().strip()));
            }
        }
        String seed = child(e, "seed-file");
        String owner = e.getAttribute("owner").strip();
        return Optional.of(new DomainMetadata(node, pool, child(e, "operation"), origin, volumes,
                seed.isEmpty() ? Optional.empty() : Optional.of(seed),
                owner.isEmpty() ? Optional.empty() : Optional.of(owner)));
    }

    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && NAMESPACE.equals(c.getNamespaceURI()) && name.equals(c.getLocalName())) {
                return c.getTextContent().strip();
            }
        }
        return "";
    }
}
