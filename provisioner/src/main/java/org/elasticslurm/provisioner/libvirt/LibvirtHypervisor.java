package org.elasticslurm.provisioner.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.elasticslurm.provisioner.backend.BackendException;
import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.jna.Libvirt;

/**
 * {@link Hypervisor} on libvirt-java, plus {@link NativeLibvirt} for what libvirt-java lacks. One connection per
 * host, shared by all threads (libvirt connections are thread-safe), reopened on the next call after it was lost.
 * Every libvirt object is freed when the call that looked it up ends.
 */
public final class LibvirtHypervisor implements Hypervisor {
    private static final Logger LOG = Logger.getLogger(LibvirtHypervisor.class);
    private static final int UNDEFINE_FLAGS = Domain.UndefineFlags.MANAGED_SAVE
            | Domain.UndefineFlags.SNAPSHOTS_METADATA;
    private static final int UPLOAD_CHUNK = 256 * 1024;
    /** virDomainCreateFlags VIR_DOMAIN_START_PAUSED. */
    private static final int START_PAUSED = 1;

    private final String uri;
    private final boolean testDriver;
    private final NativeLibvirt lib;
    private final LibvirtErrors errors;
    /** Keeps libvirt from printing errors we translate anyway; must stay reachable while the connection lives. */
    private final Libvirt.VirErrorCallback quiet = (userData, error) -> LOG.tracef("libvirt: %s", error.message);
    /** Calls share the connection; replacing or closing it waits until no call uses it. */
    private final ReentrantReadWriteLock use = new ReentrantReadWriteLock();
    private OwnedConnect connection; // guarded by use

    private interface Call<T> {
        T run(OwnedConnect c) throws LibvirtException;
    }

    private interface DomainAction<T> {
        T apply(Domain d) throws LibvirtException;
    }

    private LibvirtHypervisor(String uri, NativeLibvirt lib) {
        this.uri = uri;
        this.testDriver = uri.startsWith("test:");
        this.lib = lib;
        this.errors = new LibvirtErrors(lib);
    }

    /**
     * Connects to a hypervisor now.
     *
     * @throws BackendException when it cannot be reached (transient when the daemon did not answer)
     */
    public static LibvirtHypervisor open(String uri) {
        LibvirtHypervisor h = lazy(uri);
        h.call("connecting", c -> null);
        return h;
    }

    /** A hypervisor that connects on its first call (and again after the connection was lost). */
    public static LibvirtHypervisor lazy(String uri) {
        return new LibvirtHypervisor(uri, NativeLibvirt.load());
    }

    @Override
    public String uri() {
        return uri;
    }

    /** Opens the connection when there is none; call with the read lock held. */
    private OwnedConnect connection() {
        if (connection != null) {
            return connection;
        }
        use.readLock().unlock();
        use.writeLock().lock();
        try {
            if (connection == null) {
                OwnedConnect opened = new OwnedConnect(uri);
                opened.setConnectionErrorCallback(quiet);
                connection = opened;
            }
            return connection;
        } catch (LibvirtException e) {
            throw errors.translate("cannot connect to " + uri, e);
        } finally {
            use.readLock().lock(); // downgrade
            use.writeLock().unlock();
        }
    }

    /** Drops a connection found lost, once no call uses it; the next call opens a new one. */
    private void forget(OwnedConnect lost) {
        use.writeLock().lock();
        try {
            if (connection == lost) {
                connection = null;
                lost.close();
            }
        } catch (LibvirtException e) {
            LOG.debugf("closing the lost connection to %s: %s", uri, e.getMessage());
        } finally {
            use.writeLock().unlock();
        }
    }

    private <T> T call(String what, Call<T> body) {
        OwnedConnect c;
        LibvirtErrors.Failure failure;
        LibvirtException cause;
        use.readLock().lock();
        try {
            c = connection();
            try {
                return body.run(c);
            } catch (LibvirtException e) {
                failure = errors.failure(e);
                cause = e;
            }
        } finally {
            use.readLock().unlock();
        }
        if (failure.connectionLost()) {
            forget(c);
        }
        throw failure.toBackendException(uri + ": " + what, cause);
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

    @Override
    public GuestCapabilities capabilities() {
        return call("reading capabilities", c -> LibvirtXml.capabilities(c.getCapabilities()));
    }

    @Override
    public HostResources resources() {
        return call("reading node info", c -> {
            NodeInfo info = c.nodeInfo();
            return new HostResources(info.cpus, info.memory, lib.virNodeGetFreeMemory(c.pointer()) / 1024);
        });
    }

    @Override
    public List<DomainSummary> domains() {
        return call("listing domains", c -> {
            List<DomainSummary> out = new ArrayList<>();
            for (int id : c.listDomains()) {
                ifFound(byId(c, id), Optional.<DomainSummary>empty(), this::summary).ifPresent(out::add);
            }
            for (String name : c.listDefinedDomains()) {
                ifFound(lookup(c, name), Optional.<DomainSummary>empty(), this::summary).ifPresent(out::add);
            }
            return out;
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

    @Override
    public Optional<DomainSummary> domain(String name) {
        return call("looking up domain " + name, c -> ifFound(lookup(c, name), Optional.empty(), this::summary));
    }

    @Override
    public DomainSummary define(DomainSpec spec) {
        String xml = DomainXml.render(spec);
        return call("defining domain " + spec.name(), c -> {
            try (Handle<Domain> d = new Handle<>(c.domainDefineXML(xml), Domain::free, errors)) {
                return summary(d.get()).orElseThrow(() -> new BackendException(uri + ": domain " + spec.name()
                        + " vanished right after it was defined", true, null));
            }
        });
    }

    @Override
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

    @Override
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

    @Override
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

    @Override
    public List<DomainInterface> interfaces(String name) {
        return call("reading the interfaces of domain " + name, c -> {
            try (Handle<Domain> d = require(c, name)) {
                return LibvirtXml.interfaces(d.get().getXMLDesc(0));
            }
        });
    }

    @Override
    public void shutdown(String name) {
        call("shutting down domain " + name, c -> ifFound(lookup(c, name), null, d -> {
            if (d.isActive() == 1) {
                d.shutdown();
            }
            return null;
        }));
    }

    @Override
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

    @Override
    public boolean undefine(String name) {
        return call("undefining domain " + name, c -> ifFound(lookup(c, name), false, d -> {
            if (d.isPersistent() != 1) {
                return false;
            }
            d.undefine(UNDEFINE_FLAGS);
            return true;
        }));
    }

    @Override
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

    private NativeHandle nativeDomain(OwnedConnect c, String name) {
        Pointer p = lib.virDomainLookupByName(c.pointer(), name);
        if (p == null) {
            throw errors.lastAsBackendException(uri + ": looking up domain " + name);
        }
        return new NativeHandle(p, lib::virDomainFree);
    }

    private Handle<StoragePool> storagePool(Connect c, String name) throws LibvirtException {
        return new Handle<>(c.storagePoolLookupByName(name), StoragePool::free, errors);
    }

    private Optional<Handle<StorageVol>> lookupVolume(StoragePool pool, String name) throws LibvirtException {
        try {
            return Optional.of(new Handle<>(pool.storageVolLookupByName(name), StorageVol::free, errors));
        } catch (LibvirtException e) {
            if (errors.failure(e).code() == LibvirtErrors.NO_STORAGE_VOL) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static StorageVolume describe(String storagePool, StorageVol v) throws LibvirtException {
        return new StorageVolume(storagePool, v.getName(), v.getPath(), v.getInfo().capacity,
                LibvirtXml.volumeFormat(v.getXMLDesc(0)));
    }

    @Override
    public Optional<StorageVolume> volume(String storagePool, String name) {
        return call("looking up volume " + name + " in storage pool " + storagePool, c -> {
            try (Handle<StoragePool> pool = storagePool(c, storagePool)) {
                Optional<Handle<StorageVol>> found = lookupVolume(pool.get(), name);
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                try (Handle<StorageVol> v = found.get()) {
                    return Optional.of(describe(storagePool, v.get()));
                }
            }
        });
    }

    @Override
    public StorageVolume cloneOverlay(String storagePool, String baseVolume, String name) {
        return call("creating overlay " + name + " on " + baseVolume + " in storage pool " + storagePool, c -> {
            try (Handle<StoragePool> pool = storagePool(c, storagePool)) {
                Optional<Handle<StorageVol>> found = lookupVolume(pool.get(), baseVolume);
                if (found.isEmpty()) {
                    pool.get().refresh(0); // the image may have been copied in after the pool was last scanned
                    found = lookupVolume(pool.get(), baseVolume);
                }
                StorageVolume base;
                try (Handle<StorageVol> b = found.orElseThrow(() -> new BackendException(uri + ": base image volume '"
                        + baseVolume + "' not found in storage pool '" + storagePool + "'", false, null))) {
                    base = describe(storagePool, b.get());
                }
                XmlText x = new XmlText();
                x.open("volume");
                x.element("name", name);
                x.element("capacity", Long.toString(base.capacityBytes()), "unit", "bytes");
                x.open("target");
                x.empty("format", "type", "qcow2");
                privateMode(x);
                x.close("target");
                x.open("backingStore");
                x.element("path", base.path());
                x.empty("format", "type", base.format());
                x.close("backingStore");
                x.close("volume");
                try (Handle<StorageVol> v = new Handle<>(pool.get().storageVolCreateXML(x.toString(), 0),
                        StorageVol::free, errors)) {
                    return describe(storagePool, v.get());
                }
            }
        });
    }

    @Override
    public StorageVolume uploadVolume(String storagePool, String name, byte[] content) {
        return call("uploading volume " + name + " into storage pool " + storagePool, c -> {
            try (Handle<StoragePool> pool = storagePool(c, storagePool)) {
                XmlText x = new XmlText();
                x.open("volume");
                x.element("name", name);
                x.element("capacity", Long.toString(content.length), "unit", "bytes");
                x.open("target");
                x.empty("format", "type", "raw");
                privateMode(x);
                x.close("target");
                x.close("volume");
                try (Handle<StorageVol> v = new Handle<>(pool.get().storageVolCreateXML(x.toString(), 0),
                        StorageVol::free, errors)) {
                    try {
                        upload(c, v.get().getKey(), content);
                    } catch (BackendException e) {
                        try {
                            v.get().delete(0); // no half-written seed stays behind
                        } catch (LibvirtException d) {
                            e.addSuppressed(errors.translate(uri + ": deleting the half-written volume " + name, d));
                        }
                        throw e;
                    }
                    return describe(storagePool, v.get());
                }
            }
        });
    }

    /** Volumes we create (overlays, seeds with the munge key) are created 0600, as libvirt applies it at creation. */
    private static void privateMode(XmlText x) {
        x.open("permissions");
        x.element("mode", "0600");
        x.close("permissions");
    }

    private void upload(OwnedConnect c, String key, byte[] content) {
        Pointer vol = lib.virStorageVolLookupByKey(c.pointer(), key);
        if (vol == null) {
            throw errors.lastAsBackendException(uri + ": looking up volume " + key);
        }
        try (NativeHandle v = new NativeHandle(vol, lib::virStorageVolFree);
             NativeHandle stream = new NativeHandle(lib.virStreamNew(c.pointer(), 0), lib::virStreamFree)) {
            if (stream.get() == null) {
                throw errors.lastAsBackendException(uri + ": opening an upload stream");
            }
            if (lib.virStorageVolUpload(v.get(), stream.get(), 0, content.length, 0) < 0) {
                throw errors.lastAsBackendException(uri + ": uploading into volume " + key);
            }
            Memory chunk = new Memory(UPLOAD_CHUNK);
            for (int offset = 0; offset < content.length; ) {
                int n = Math.min(UPLOAD_CHUNK, content.length - offset);
                chunk.write(0, content, offset, n);
                int sent = lib.virStreamSend(stream.get(), chunk, new NativeLong(n));
                if (sent < 0) {
                    BackendException e = errors.lastAsBackendException(uri + ": sending to volume " + key);
                    lib.virStreamAbort(stream.get());
                    throw e;
                }
                offset += sent; // a partial write resends the rest from the new offset
            }
            if (lib.virStreamFinish(stream.get()) < 0) {
                throw errors.lastAsBackendException(uri + ": finishing the upload into volume " + key);
            }
        }
    }

    @Override
    public boolean deleteVolume(String storagePool, String name) {
        return call("deleting volume " + name + " from storage pool " + storagePool, c -> {
            Handle<StoragePool> pool;
            try {
                pool = storagePool(c, storagePool);
            } catch (LibvirtException e) {
                if (errors.failure(e).code() == LibvirtErrors.NO_STORAGE_POOL) {
                    return false;
                }
                throw e;
            }
            try (pool) {
                Optional<Handle<StorageVol>> found = lookupVolume(pool.get(), name);
                if (found.isEmpty()) {
                    return false;
                }
                try (Handle<StorageVol> v = found.get()) {
                    v.get().delete(0);
                    return true;
                }
            }
        });
    }

    @Override
    public List<DhcpLease> dhcpLeases(String network) {
        return call("reading DHCP leases of network " + network, c -> {
            Pointer net = lib.virNetworkLookupByName(c.pointer(), network);
            if (net == null) {
                throw errors.lastAsBackendException(uri + ": looking up network " + network);
            }
            try (NativeHandle n = new NativeHandle(net, lib::virNetworkFree)) {
                PointerByReference array = new PointerByReference();
                int count = lib.virNetworkGetDHCPLeases(n.get(), null, array, 0);
                if (count < 0) {
                    throw errors.lastAsBackendException(uri + ": reading DHCP leases of network " + network);
                }
                List<DhcpLease> leases = new ArrayList<>(count);
                Pointer[] items = count == 0 ? new Pointer[0] : array.getValue().getPointerArray(0, count);
                for (Pointer item : items) {
                    NativeLibvirt.Lease l = new NativeLibvirt.Lease(item);
                    leases.add(new DhcpLease(l.mac == null ? "" : l.mac.toLowerCase(), l.ipaddr, l.prefix,
                            Optional.ofNullable(l.hostname), Instant.ofEpochSecond(l.expirytime)));
                    lib.virNetworkDHCPLeaseFree(item);
                }
                if (array.getValue() != null) {
                    com.sun.jna.Native.free(Pointer.nativeValue(array.getValue()));
                }
                return leases;
            }
        });
    }

    @Override
    public List<InterfaceAddresses> interfaceAddresses(String domain, AddressSource source) {
        return call("reading addresses of domain " + domain + " from " + source, c -> {
            try (NativeHandle d = nativeDomain(c, domain)) {
                PointerByReference array = new PointerByReference();
                int count = lib.virDomainInterfaceAddresses(d.get(), array, source.code(), 0);
                if (count < 0) {
                    throw errors.lastAsBackendException(uri + ": reading addresses of domain " + domain);
                }
                List<InterfaceAddresses> out = new ArrayList<>(count);
                Pointer[] items = count == 0 ? new Pointer[0] : array.getValue().getPointerArray(0, count);
                for (Pointer item : items) {
                    NativeLibvirt.Interface i = new NativeLibvirt.Interface(item);
                    List<String> addresses = new ArrayList<>(i.naddrs);
                    if (i.naddrs > 0) {
                        int size = new NativeLibvirt.IpAddress(i.addrs).size();
                        for (int k = 0; k < i.naddrs; k++) {
                            NativeLibvirt.IpAddress a = new NativeLibvirt.IpAddress(i.addrs.share((long) k * size));
                            addresses.add(a.addr + "/" + a.prefix);
                        }
                    }
                    out.add(new InterfaceAddresses(i.name, i.hwaddr == null ? "" : i.hwaddr.toLowerCase(),
                            addresses));
                    lib.virDomainInterfaceFree(item);
                }
                if (array.getValue() != null) {
                    com.sun.jna.Native.free(Pointer.nativeValue(array.getValue()));
                }
                return out;
            }
        });
    }

    @Override
    public boolean reachable() {
        try {
            return call("checking the connection", c -> c.isAlive() || c.getLibVersion() > 0);
        } catch (BackendException e) {
            LOG.debugf("%s is not reachable: %s", uri, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        use.writeLock().lock();
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (LibvirtException e) {
            throw errors.translate("closing the connection to " + uri, e);
        } finally {
            connection = null;
            use.writeLock().unlock();
        }
    }
}
