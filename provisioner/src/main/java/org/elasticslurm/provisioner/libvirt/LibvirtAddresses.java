package org.elasticslurm.provisioner.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The addresses libvirt knows on one host: DHCP leases of its networks, addresses of a domain's interfaces. */
final class LibvirtAddresses {
    private final LibvirtConnection connection;
    private final String uri;
    private final NativeLibvirt lib;
    private final LibvirtErrors errors;
    private final LibvirtDomains domains;

    LibvirtAddresses(LibvirtConnection connection, LibvirtDomains domains) {
        this.connection = connection;
        this.uri = connection.uri();
        this.lib = connection.lib();
        this.errors = connection.errors();
        this.domains = domains;
    }

    private <T> T call(String what, LibvirtConnection.Call<T> body) {
        return connection.call(what, body);
    }

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

    public List<InterfaceAddresses> interfaceAddresses(String domain, AddressSource source) {
        return call("reading addresses of domain " + domain + " from " + source, c -> {
            try (NativeHandle d = domains.nativeDomain(c, domain)) {
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
}
