package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticAddressMapTest {
    @TempDir
    Path dir;

    @Test
    void readsDnsmasqHostsFileLinesAndMacIpPairs() throws Exception {
        Path hosts = Files.writeString(dir.resolve("map.hosts"), """
                # the write-up's map.hosts
                52:54:00:00:00:01,10.77.0.11,test1
                52:54:00:00:00:02,test2,10.77.0.12,infinite

                52:54:00:00:00:03,10.77.0.13
                """);

        StaticAddressMap map = StaticAddressMap.of(Map.of("52:54:00:00:00:AA", "10.77.0.99"), Optional.of(hosts));

        assertThat(map.addressOf("52:54:00:00:00:01")).contains("10.77.0.11");
        assertThat(map.macOfHost("test2")).contains("52:54:00:00:00:02");
        assertThat(map.addressOf("52:54:00:00:00:02")).contains("10.77.0.12");
        assertThat(map.addressOf("52:54:00:00:00:03")).contains("10.77.0.13");
        assertThat(map.addressOf("52:54:00:00:00:aa")).contains("10.77.0.99");
        assertThat(map.macOfHost("test3")).isEmpty();
    }

    @Test
    void badLinesAreNamedByFileAndLine() throws Exception {
        Path hosts = Files.writeString(dir.resolve("map.hosts"), "52:54:00:00:00:01,10.77.0.11\nnot-a-line\n"
                + "52:54:00:00:00:01,10.77.0.12\n");

        assertThatThrownBy(() -> StaticAddressMap.of(Map.of("zz", "10.0.0.1"), Optional.of(hosts)))
                .hasMessageContaining("mac-ip \"zz\"=10.0.0.1: needs a MAC address")
                .hasMessageContaining(hosts + ":2: a line needs a MAC address and an IPv4 address")
                .hasMessageContaining(hosts + ":3: MAC 52:54:00:00:00:01 is mapped to 10.77.0.11 and 10.77.0.12");
    }

    private static void replace(Path file, String text) throws Exception {
        Path fresh = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), text);
        Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aChangedHostsFileIsReadAgainOnTheNextQuery() throws Exception {
        Path hosts = Files.writeString(dir.resolve("map.hosts"), "52:54:00:00:00:01,10.77.0.11,test1\n");
        StaticAddressMap map = StaticAddressMap.of(Map.of(), Optional.of(hosts));
        assertThat(map.macOfHost("test2")).isEmpty();

        replace(hosts, "52:54:00:00:00:01,10.77.0.11,test1\n52:54:00:00:00:02,10.77.0.12,test2\n");

        assertThat(map.macOfHost("test2")).contains("52:54:00:00:00:02");
        assertThat(map.addressOfHost("test2")).contains("10.77.0.12");
        assertThat(map.addressOf("52:54:00:00:00:02")).contains("10.77.0.12");
    }

    @Test
    void aChangedHostsFileWithABadLineIsNotAppliedAndTheLastGoodOneStays() throws Exception {
        Path hosts = Files.writeString(dir.resolve("map.hosts"), "52:54:00:00:00:01,10.77.0.11,test1\n");
        StaticAddressMap map = StaticAddressMap.of(Map.of(), Optional.of(hosts));

        replace(hosts, "52:54:00:00:00:02,10.77.0.12,test2\nbroken\n");
        assertThat(map.addressOf("52:54:00:00:00:01")).contains("10.77.0.11");
        assertThat(map.macOfHost("test2")).as("nothing of the bad file is applied").isEmpty();

        replace(hosts, "52:54:00:00:00:02,10.77.0.12,test2\n");
        assertThat(map.macOfHost("test2")).contains("52:54:00:00:00:02");
        assertThat(map.addressOf("52:54:00:00:00:01")).as("removed reservations go").isEmpty();
    }

    @Test
    void aMissingHostsFileIsNamed() {
        assertThatThrownBy(() -> StaticAddressMap.of(Map.of(), Optional.of(dir.resolve("nope"))))
                .hasMessageContaining("hosts-file " + dir.resolve("nope") + " cannot be read");
    }
}
