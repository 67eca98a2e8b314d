package org.elasticslurm.provisioner.libvirt;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;

/**
 * Picks the domain type and guest architecture for a host. On hosts of this machine the KVM probe decides (run
 * once, lazily, or its verdict of an earlier start in this boot is used); on remote hosts libvirt's capabilities are
 * trusted, since the probe cannot run there, except on the hosts configured as TCG hosts
 * ({@code provisioner.libvirt.tcg-hosts}), which get TCG whatever they advertise.
 */
final class DomainTypes {
    private static final Logger LOG = Logger.getLogger(DomainTypes.class);

    /**
     * The choice for a host.
     *
     * @param type domain type
     * @param arch guest architecture
     */
    record Choice(String type, String arch) {
    }

    private final Supplier<KvmVerdict> probe;
    private final Set<String> tcgHosts;
    private KvmVerdict verdict;

    /** @param probe runs the KVM probe (called at most once) */
    DomainTypes(Supplier<KvmVerdict> probe) {
        this(probe, List.of());
    }

    /**
     * @param probe    runs the KVM probe (called at most once)
     * @param tcgHosts the hosts (as their URIs are written) whose automatic domain type is TCG
     */
    DomainTypes(Supplier<KvmVerdict> probe, Collection<String> tcgHosts) {
        this.probe = probe;
        this.tcgHosts = Set.copyOf(tcgHosts);
    }

    /**
     * @param probe runs the KVM probe (called at most once, and not at all while {@code kept} holds a verdict that
     *              still applies)
     * @param kept the verdict of an earlier start
     * @param tcgHosts the hosts whose automatic domain type is TCG
     */
    DomainTypes(Supplier<KvmVerdict> probe, KvmVerdictCache kept, Collection<String> tcgHosts) {
        this(() -> kept.verdict(probe), tcgHosts);
    }

    Choice choose(String uri, GuestCapabilities caps, DomainTypePolicy policy) {
        GuestCapabilities.Guest guest = caps.hvm().orElseThrow(() -> new BackendException(uri
                + " offers no full-virtualisation (hvm) guests", false, null));
        String type = switch (policy) {
            case KVM -> require(uri, guest, "kvm");
            case QEMU -> require(uri, guest, "qemu");
            case AUTO -> automatic(uri, guest);
        };
        return new Choice(type, guest.arch());
    }

    private static String require(String uri, GuestCapabilities.Guest guest, String type) {
        if (!guest.domainTypes().contains(type)) {
            throw new BackendException(uri + " offers domain types " + guest.domainTypes() + " for " + guest.arch()
                    + ", not " + type + " (pool setting domain-type)", false, null);
        }
        return type;
    }

    private String automatic(String uri, GuestCapabilities.Guest guest) {
        if (tcgHosts.contains(uri)) {
            return require(uri, guest, "qemu");
        }
        if (!guest.domainTypes().contains("kvm")) {
            return guest.domainTypes().contains("qemu") ? "qemu"
                    : guest.domainTypes().stream().findFirst().orElseThrow(() -> new BackendException(
                    uri + " offers no domain type for " + guest.arch(), false, null));
        }
        if (!isLocal(uri)) {
            return "kvm";
        }
        KvmVerdict v = verdict();
        return v.usable() || !guest.domainTypes().contains("qemu") ? "kvm" : "qemu";
    }

    /** The KVM verdict of this machine, probing on first use and logging why. */
    synchronized KvmVerdict verdict() {
        if (verdict == null) {
            try {
                verdict = probe.get();
            } catch (RuntimeException e) {
                verdict = new KvmVerdict(false, "KVM not usable: the probe failed: " + e.getMessage(),
                        Duration.ZERO);
            }
            if (verdict.usable()) {
                LOG.infof("%s; domains on this machine use type kvm", verdict.reason());
            } else {
                LOG.warnf("%s; domains on this machine use type qemu (TCG)", verdict.reason());
            }
        }
        return verdict;
    }

    /** Whether a URI names a hypervisor on this machine (no host part). */
    static boolean isLocal(String uri) {
        return Optional.ofNullable(URI.create(uri).getHost()).map(String::isEmpty).orElse(true);
    }

    /** Whether a URI names a qemu hypervisor on this machine, where the probe's verdict applies. */
    static boolean isLocalQemu(String uri) {
        return URI.create(uri).getScheme().startsWith("qemu") && isLocal(uri);
    }
}
