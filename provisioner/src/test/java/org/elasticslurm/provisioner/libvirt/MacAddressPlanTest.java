package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MacAddressPlanTest {
    @TempDir
    Path dir;

    private static MacAddressPlan.PoolNodes pool(String name, List<String> nodes, StaticAddressMap pinned) {
        return new MacAddressPlan.PoolNodes(name, "52:54:00", nodes, pinned);
    }

    @Test
    void macIsThePrefixAndTheFirstThreeBytesOfSha256OfPoolSlashNode() {
        // printf 'cloud/test1' | sha256sum -> e8c561...; printf 'cloud/test1#1' | sha256sum -> 69e88e...
        assertThat(MacAddressPlan.candidate("52:54:00", "cloud", "test1", 0)).isEqualTo("52:54:00:e8:c5:61");
        assertThat(MacAddressPlan.candidate("52:54:00", "cloud", "test1", 1)).isEqualTo("52:54:00:69:e8:8e");
        assertThat(MacAddressPlan.candidate("0e:00:00", "cloud", "test1", 0)).isEqualTo("0e:00:00:e8:c5:61");
    }

    @Test
    void theSameConfigurationAlwaysGivesTheSameMacs() {
        List<MacAddressPlan.PoolNodes> pools = List.of(pool("cloud", List.of("test1", "test2"), StaticAddressMap.empty()),
                pool("gpu", List.of("gpu1"), StaticAddressMap.empty()));

        assertThat(MacAddressPlan.assign(pools).all()).isEqualTo(MacAddressPlan.assign(List.of(pools.get(1),
                pools.get(0))).all()).hasSize(3);
    }

    @Test
    void aMacReservedForAnotherHostMovesTheNodeToTheNextCandidate() throws Exception {
        String first = MacAddressPlan.candidate("52:54:00", "cloud", "test1", 0);
        Path hosts = Files.writeString(dir.resolve("map.hosts"), first + ",10.77.0.50,printer\n");

        MacAddressPlan plan = MacAddressPlan.assign(List.of(pool("cloud", List.of("test1"),
                StaticAddressMap.of(Map.of(), Optional.of(hosts)))));

        assertThat(plan.macOf("test1")).isEqualTo(MacAddressPlan.candidate("52:54:00", "cloud", "test1", 1));
    }

    @Test
    void aHostsFileLineNamingTheNodeFixesItsMac() throws Exception {
        Path hosts = Files.writeString(dir.resolve("map.hosts"), "52:54:00:00:00:11,10.77.0.11,test1\n");
        StaticAddressMap map = StaticAddressMap.of(Map.of(), Optional.of(hosts));

        MacAddressPlan plan = MacAddressPlan.assign(List.of(pool("cloud", List.of("test1", "test2"), map)));

        assertThat(plan.macOf("test1")).isEqualTo("52:54:00:00:00:11");
        assertThat(map.addressOf(plan.macOf("test1"))).contains("10.77.0.11");
        assertThat(plan.macOf("test2")).isEqualTo(MacAddressPlan.candidate("52:54:00", "cloud", "test2", 0));
    }

    @Test
    void aReservationAddedLaterFixesTheNodesMacFromThenOn() throws Exception {
        Path hosts = Files.writeString(dir.resolve("map.hosts"), "# none yet\n");
        MacAddressPlan plan = MacAddressPlan.assign(List.of(pool("cloud", List.of("test1", "test2"),
                StaticAddressMap.of(Map.of(), Optional.of(hosts)))));
        assertThat(plan.macOf("test2")).isEqualTo(MacAddressPlan.candidate("52:54:00", "cloud", "test2", 0));

        Path fresh = Files.writeString(dir.resolve("map.hosts.new"), "52:54:00:77:00:02,10.77.0.12,test2\n");
        Files.move(fresh, hosts, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(plan.macOf("test2")).isEqualTo("52:54:00:77:00:02");
        assertThat(plan.macOf("test1")).isEqualTo(MacAddressPlan.candidate("52:54:00", "cloud", "test1", 0));
    }

    @Test
    void badPrefixesAreRefused() {
        assertThatThrownBy(() -> MacAddressPlan.requirePrefix("52:54")).hasMessageContaining("three hex octets");
        assertThatThrownBy(() -> MacAddressPlan.requirePrefix("01:00:5e")).hasMessageContaining("multicast");
        assertThatThrownBy(() -> MacAddressPlan.assign(List.of()).macOf("x")).hasMessageContaining("in no libvirt pool");
    }
}
