package org.elasticslurm.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host of libvirt's test driver, described by a node file ({@code test:///path/host.xml}): CPUs and memory, a
 * storage pool {@code images} holding {@code base.qcow2} (2 GiB, a create pool's base image), a network {@code lab}
 * (10.77.0.0/24 with DHCP) and optionally shut-off domains (an existing pool's machines, named after their node,
 * each with its MAC). Every connection to such a URI has a state of its own, so users do not see each other.
 * <pre>{@code
 * String uri = TestDriverHost.withCpus(4).memoryMiB(8192).domain("test1", "52:54:00:00:00:01").write(dir, "h1");
 * }</pre>
 */
public final class TestDriverHost {
    private final int cpus;
    private final long memoryMiB;
    private final Map<String, String> domains;

    private TestDriverHost(int cpus, long memoryMiB, Map<String, String> domains) {
        if (cpus < 1 || memoryMiB < 1) {
            throw new IllegalArgumentException("a test-driver host needs at least 1 CPU and 1 MiB (" + cpus
                    + " CPUs, " + memoryMiB + " MiB)");
        }
        this.cpus = cpus;
        this.memoryMiB = memoryMiB;
        this.domains = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    /** A host with this many CPUs, 16 GiB and no domains. */
    public static TestDriverHost withCpus(int cpus) {
        return new TestDriverHost(cpus, 16 * 1024, Map.of());
    }

    /** The same host with this much memory. */
    public TestDriverHost memoryMiB(long mib) {
        return new TestDriverHost(cpus, mib, domains);
    }

    /** The same host with one more shut-off domain {@code name} whose interface on {@code lab} has {@code mac}. */
    public TestDriverHost domain(String name, String mac) {
        Map<String, String> more = new LinkedHashMap<>(domains);
        if (more.put(name, mac) != null) {
            throw new IllegalArgumentException("domain " + name + " is already on this host");
        }
        return new TestDriverHost(cpus, memoryMiB, more);
    }

    /** The same host with a shut-off domain per entry (name to MAC), in the map's order. */
    public TestDriverHost domains(Map<String, String> namesToMacs) {
        TestDriverHost h = this;
        for (Map.Entry<String, String> e : namesToMacs.entrySet()) {
            h = h.domain(e.getKey(), e.getValue());
        }
        return h;
    }

    /** The node file. */
    public String xml() {
        StringBuilder b = new StringBuilder("""
                <node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
                  <cpu><mhz>2000</mhz><model>x86_64</model><nodes>1</nodes><sockets>1</sockets>
                    <cores>%d</cores><threads>1</threads><active>%d</active><max>%d</max></cpu>
                  <memory>%d</memory>
                  <pool type='dir'><name>images</name><target><path>/images</path></target>
                    <volume type='file'><name>base.qcow2</name><capacity unit='GiB'>2</capacity>
                      <target><path>/images/base.qcow2</path><format type='qcow2'/></target></volume>
                  </pool>
                  <network><name>lab</name><bridge name='labbr0'/>
                    <ip address='10.77.0.1' netmask='255.255.255.0'>
                      <dhcp><range start='10.77.0.100' end='10.77.0.200'/></dhcp></ip></network>
                """.formatted(cpus, cpus, cpus, memoryMiB * 1024L));
        domains.forEach((name, mac) -> b.append("""
                  <domain type='test'>
                    <name>%s</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                    <os><type arch='x86_64'>hvm</type></os>
                    <devices><interface type='network'><mac address='%s'/><source network='lab'/></interface></devices>
                    <test:runstate>5</test:runstate>
                  </domain>
                """.formatted(name, mac)));
        return b.append("</node>\n").toString();
    }

    /** Writes the node file as {@code dir/name.xml} and returns its URI ({@code test:///...}). */
    public String write(Path dir, String name) {
        try {
            Path file = dir.resolve(name + ".xml");
            Files.writeString(file, xml());
            return "test://" + file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test-driver host " + name + " in " + dir, e);
        }
    }

    /** A reservation line per node ({@code MAC,IP,NAME}, dnsmasq's hosts-file form): its MAC, its address. */
    public static String hostsFile(List<String> nodes, Map<String, String> macs, String address) {
        StringBuilder b = new StringBuilder();
        for (String n : nodes) {
            b.append(macs.get(n)).append(',').append(address).append(',').append(n).append('\n');
        }
        return b.toString();
    }
}
