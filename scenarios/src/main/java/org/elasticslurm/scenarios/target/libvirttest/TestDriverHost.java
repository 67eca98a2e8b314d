package org.elasticslurm.scenarios.target.libvirttest;

import java.util.List;
import java.util.Map;

/**
 * The node file of libvirt's test driver for one run ({@code test:///<path>}): 8 CPUs and 16 GiB, a storage pool
 * {@code images} holding {@code base.qcow2} (the create pools' base image), a network {@code lab}, and one shut-off
 * domain per node of an {@code existing} pool (named after the node, with the node's reserved MAC). Every
 * connection to such a URI has a state of its own: only the provisioner sees its machines.
 */
final class TestDriverHost {
    private TestDriverHost() {
    }

    /**
     * The XML.
     *
     * @param existing the nodes of existing pools, each with its MAC
     */
    static String xml(Map<String, String> existing) {
        StringBuilder b = new StringBuilder("""
                <node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
                  <cpu><mhz>2000</mhz><model>x86_64</model><nodes>1</nodes><sockets>1</sockets>
                    <cores>8</cores><threads>1</threads><active>8</active><max>8</max></cpu>
                  <memory>16777216</memory>
                  <pool type='dir'><name>images</name><target><path>/images</path></target>
                    <volume type='file'><name>base.qcow2</name><capacity unit='GiB'>2</capacity>
                      <target><path>/images/base.qcow2</path><format type='qcow2'/></target></volume>
                  </pool>
                  <network><name>lab</name><bridge name='labbr0'/>
                    <ip address='10.77.0.1' netmask='255.255.255.0'>
                      <dhcp><range start='10.77.0.100' end='10.77.0.200'/></dhcp></ip></network>
                """);
        for (Map.Entry<String, String> e : existing.entrySet()) {
            b.append("""
                      <domain type='test'>
                        <name>%s</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                        <os><type arch='x86_64'>hvm</type></os>
                        <devices><interface type='network'><mac address='%s'/><source network='lab'/></interface></devices>
                        <test:runstate>5</test:runstate>
                      </domain>
                    """.formatted(e.getKey(), e.getValue()));
        }
        return b.append("</node>\n").toString();
    }

    /** A reservation line per node ({@code MAC,IP,NAME}): the MAC of its machine, its address. */
    static String hostsFile(List<String> nodes, Map<String, String> macs, String address) {
        StringBuilder b = new StringBuilder();
        for (String n : nodes) {
            b.append(macs.get(n)).append(',').append(address).append(',').append(n).append('\n');
        }
        return b.toString();
    }
}
