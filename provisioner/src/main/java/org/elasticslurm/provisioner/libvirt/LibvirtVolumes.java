package org.elasticslurm.provisioner.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.Optional;
import org.elasticslurm.provisioner.backend.BackendException;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/** The storage volumes of one libvirt host: lookup, overlay clones, uploads, deletion. */
final class LibvirtVolumes {
    private static final int UPLOAD_CHUNK = 256 * 1024;

    private final LibvirtConnection connection;
    private final String uri;
    private final NativeLibvirt lib;
    private final LibvirtErrors errors;

    LibvirtVolumes(LibvirtConnection connection) {
        this.connection = connection;
        this.uri = connection.uri();
        this.lib = connection.lib();
        this.errors = connection.errors();
    }

    private <T> T call(String what, LibvirtConnection.Call<T> body) {
        return connection.call(what, body);
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
}
