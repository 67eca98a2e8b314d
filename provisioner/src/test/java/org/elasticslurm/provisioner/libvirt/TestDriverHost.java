package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host of libvirt's test driver described by a node file ({@code test:///path/host.xml}): every connection to
 * it has a private state, so tests do not see each other. It has a storage pool {@code images} holding
 * {@code base.qcow2} (2 GiB) and a network {@code lab} (10.77.0.0/24 with DHCP).
 */
final class TestDriverHost {
    private TestDriverHost() {
    }

    /** Writes the node file and returns its URI. */
    static String create(Path dir, String name, int cpus, int memoryMiB) {
        String xml = """
                <node>
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
                </node>
                """.formatted(cpus, cpus, cpus, memoryMiB * 1024L);
        try {
            Path file = dir.resolve(name + ".xml");
            Files.writeString(file, xml);
            return "test://" + file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
