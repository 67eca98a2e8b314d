package org.elasticslurm.provisioner.libvirt;

import com.sun.jna.Pointer;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** The domains of one libvirt host: listing, defining, starting, stopping, undefining, metadata. */
final class LibvirtDomains {
    private static final int UNDEFINE_FLAGS = Domain.UndefineFlags.MANAGED_SAVE
            | Domain.UndefineFlags.SNAPSHOTS_METADATA;
    /** virDomainCreateFlags VIR_DOMAIN_START_PAUSED. */
    private static final int START_PAUSED = 1;

    private final LibvirtConnection connection;
    private final String uri;
    private final NativeLibvirt lib;
    private final LibvirtErrors errors;
    private final boolean testDriver;

    private interface DomainAction<T> {
        T apply(Domain d) throws LibvirtException;
    }

    LibvirtDomains(LibvirtConnection connection) {
        this.connection = connection;
        this.uri = connection.uri();
        this.testDriver = uri.startsWith("test:");
        this.lib = connection.lib();
        this.errors = connection.errors();
    }

    private <T> T call(String what, LibvirtConnection.Call<T> body) {
        return connection.call(what, body);
    }

    private Optional<Handle<Domain>> lookup(Connect c, String name) throws LibvirtException {
        try {
            return Optional.of(new Handle<>(c.domainLookupByName(name), Domain::free, errors));
        } catch (LibvirtException e) {
            if (errors.failure(e).code() == LibvirtErrors.NO_DOMAIN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code action} on a domain that was found (freed afterwards), or {@code absent} when it was not. */
    private static <T> T ifFound(Optional<Handle<Domain>> found, T absent, DomainAction<T> action)
            throws LibvirtException {
        if (found.isEmpty()) {
            return absent;
        }
        try (Handle<Domain> d = found.get()) {
            return action.apply(d.get());
        }
    }

    private Handle<Domain> require(Connect c, String name) throws LibvirtException {
        return lookup(c, name).orElseThrow(() -> new BackendException(uri + ": no domain named '" + name + "'",
                false, null));
    }

    public List<DomainSummary> domains() {
        return call("listing domains", c -> {
            // a domain that stops between the two listings is in both: listed once, as last seen
            java.util.Map<String, DomainSummary> out = new java.util.LinkedHashMap<>();
            for (int id : c.listDomains()) {
                ifFound(byId(c, id), Optional.<DomainSummary>empty(), this::summary)
                        .ifPresent(d -> out.put(d.uuid(), d));
            }
            for (String name : c.listDefinedDomains()) {
                ifFound(lookup(c, name), Optional.<DomainSummary>empty(), this::summary)
                        .ifPresent(d -> out.put(d.uuid(), d));
            }
            return List.copyOf(out.values());
        });
    }

    private Optional<Handle<Domain>> byId(Connect c, int id) throws LibvirtException {
        try {
            return Optional.of(new Handle<>(c.domainLookupByID(id), Domain::free, errors));
        } catch (LibvirtException e) {
            if (errors.failure(e).code() == LibvirtErrors.NO_DOMAIN) {
                return Optional.empty(); // stopped between listing and lookup
            }
            throw e;
        }
    }

    /** The domain's summary; empty when it vanished while we read it. */
    private Optional<DomainSummary> summary(Domain d) throws LibvirtException {
        try {
            LibvirtXml.DomainXmlFacts facts = LibvirtXml.domain(d.getXMLDesc(0));
            DomainState state = DomainState.of(d.getInfo().state);
            return Optional.of(new DomainSummary(facts.name(), facts.uuid(), state, d.isPersistent() == 1,
                    facts.vcpus(), facts.memoryKiB(), facts.macs(), facts.metadata()));
        } catch (LibvirtException e) {
            if (errors.failure(e).code() == LibvirtErrors.NO_DOMAIN) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<DomainSummary> domain(String name) {
        return call("looking up domain " + name, c -> ifFound(lookup(c, name), Optional.empty(), this::summary));
    }

    public DomainSummary define(DomainSpec spec) {
        String xml = DomainXml.render(spec);
        return call("defining domain " + spec.name(), c -> {
            try (Handle<Domain> d = new Handle<>(c.domainDefineXML(xml), Domain::free, errors)) {
                return summary(d.get()).orElseThrow(() -> new BackendException(uri + ": domain " + spec.name()
                        + " vanished right after it was defined", true, null));
            }
        });
    }

    public void start(String name) {
        call("starting domain " + name, c -> {
            try (Handle<Domain> d = require(c, name)) {
                if (d.get().isActive() != 1) {
                    d.get().create();
                }
            }
            return null;
        });
    }

    public void startPaused(String name) {
        call("starting domain " + name + " paused", c -> {
            try (Handle<Domain> d = require(c, name)) {
                if (d.get().isActive() != 1 && testDriver) {
                    d.get().create(); // the test driver lacks VIR_DOMAIN_START_PAUSED and runs no guest code
                    d.get().suspend();
                } else if (d.get().isActive() != 1) {
                    d.get().create(START_PAUSED);
                }
            }
            return null;
        });
    }

    public void resume(String name) {
        call("resuming domain " + name, c -> {
            try (Handle<Domain> d = require(c, name)) {
                if (DomainState.of(d.get().getInfo().state) == DomainState.PAUSED) {
                    d.get().resume();
                }
            }
            return null;
        });
    }

    public List<DomainInterface> interfaces(String name) {
        return call("reading the interfaces of domain " + name, c -> {
            try (Handle<Domain> d = require(c, name)) {
                return LibvirtXml.interfaces(d.get().getXMLDesc(0));
            }
        });
    }

    public void shutdown(String name) {
        call("shutting down domain " + name, c -> ifFound(lookup(c, name), null, d -> {
            if (d.isActive() == 1) {
                d.shutdown();
            }
            return null;
        }));
    }

    public boolean destroy(String name) {
        return call("destroying domain " + name, c -> ifFound(lookup(c, name), false, d -> {
            if (d.isActive() != 1) {
                return false;
            }
            try {
                d.destroy();
                return true;
            } catch (LibvirtException e) {
                if (errors.failure(e).code() == LibvirtErrors.OPERATION_INVALID) {
                    return false; // it stopped on its own meanwhile
                }
                throw e;
            }
        }));
    }

    public boolean undefine(String name) {
        return call("undefining domain " + name, c -> ifFound(lookup(c, name), false, d -> {
            if (d.isPersistent() != 1) {
                return false;
            }
            d.undefine(UNDEFINE_FLAGS);
            return true;
        }));
    }

    public void setMetadata(String name, DomainMetadata metadata) {
        call("writing metadata of domain " + name, c -> {
            try (NativeHandle d = nativeDomain(c, name)) {
                int flags = NativeLibvirt.AFFECT_CONFIG
                        | (lib.virDomainIsActive(d.get()) == 1 ? NativeLibvirt.AFFECT_LIVE : 0);
                if (lib.virDomainSetMetadata(d.get(), NativeLibvirt.METADATA_ELEMENT, metadata.toPlainXml(),
                        DomainMetadata.PREFIX, DomainMetadata.NAMESPACE, flags) < 0) {
                    throw errors.lastAsBackendException(uri + ": writing metadata of domain " + name);
                }
            }
            return null;
        });
    }

    NativeHandle nativeDomain(OwnedConnect c, String name) {
        Pointer p = lib.virDomainLookupByName(c.pointer(), name);
        if (p == null) {
            throw errors.lastAsBackendException(uri + ": looking up domain " + name);
        }
        return new NativeHandle(p, lib::virDomainFree);
    }
}
