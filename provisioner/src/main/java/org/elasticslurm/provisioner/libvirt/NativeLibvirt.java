package org.elasticslurm.provisioner.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few libvirt C functions that libvirt-java 0.5.2 does not wrap (DHCP leases, interface addresses, metadata,
 * volume upload) and libvirt's thread-local last error. Same shared library as libvirt-java, so both see the same
 * objects and errors.
 */
interface NativeLibvirt extends Library {

    /** {@code VIR_DOMAIN_METADATA_ELEMENT}. */
    int METADATA_ELEMENT = 2;
    /** {@code VIR_DOMAIN_AFFECT_LIVE}. */
    int AFFECT_LIVE = 1;
    /** {@code VIR_DOMAIN_AFFECT_CONFIG}. */
    int AFFECT_CONFIG = 2;

    /** Loads libvirt. */
    static NativeLibvirt load() {
        return Native.load("virt", NativeLibvirt.class);
    }

    Pointer virGetLastError();

    /** Free memory in bytes; 0 when the driver does not know (libvirt-java takes 0 for an error). */
    long virNodeGetFreeMemory(Pointer conn);

    Pointer virDomainLookupByName(Pointer conn, String name);

    int virDomainFree(Pointer domain);

    int virDomainIsActive(Pointer domain);

    int virDomainSetMetadata(Pointer domain, int type, String metadata, String key, String uri, int flags);

    int virDomainInterfaceAddresses(Pointer domain, PointerByReference interfaces, int source, int flags);

    void virDomainInterfaceFree(Pointer iface);

    Pointer virNetworkLookupByName(Pointer conn, String name);

    int virNetworkFree(Pointer network);

    int virNetworkGetDHCPLeases(Pointer network, String mac, PointerByReference leases, int flags);

    void virNetworkDHCPLeaseFree(Pointer lease);

    Pointer virStorageVolLookupByKey(Pointer conn, String key);

    int virStorageVolFree(Pointer volume);

    Pointer virStreamNew(Pointer conn, int flags);

    int virStorageVolUpload(Pointer volume, Pointer stream, long offset, long length, int flags);

    int virStreamSend(Pointer stream, Pointer data, NativeLong bytes);

    int virStreamFinish(Pointer stream);

    int virStreamAbort(Pointer stream);

    int virStreamFree(Pointer stream);

    /** {@code virError}, the fields we read. */
    @Structure.FieldOrder({"code", "domain", "message"})
    final class Error extends Structure {
        public int code;
        public int domain;
        public String message;

        Error(Pointer p) {
            super(p);
            read();
        }
    }

    /** {@code virNetworkDHCPLease}. */
    @Structure.FieldOrder({"iface", "expirytime", "type", "mac", "iaid", "ipaddr", "prefix", "hostname", "clientid"})
    final class Lease extends Structure {
        public String iface;
        public long expirytime;
        public int type;
        public String mac;
        public String iaid;
        public String ipaddr;
        public int prefix;
        public String hostname;
        public String clientid;

        Lease(Pointer p) {
            super(p);
            read();
        }
    }

    /** {@code virDomainInterface}. */
    @Structure.FieldOrder({"name", "hwaddr", "naddrs", "addrs"})
    final class Interface extends Structure {
        public String name;
        public String hwaddr;
        public int naddrs;
        public Pointer addrs;

        Interface(Pointer p) {
            super(p);
            read();
        }
    }

    /** {@code virDomainIPAddress}. */
    @Structure.FieldOrder({"type", "addr", "prefix"})
    final class IpAddress extends Structure {
        public int type;
        public String addr;
        public int prefix;

        IpAddress(Pointer p) {
            super(p);
            read();
        }
    }
}
