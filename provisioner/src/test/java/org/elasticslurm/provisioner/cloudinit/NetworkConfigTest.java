package org.elasticslurm.provisioner.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkConfigTest {

    @Test
    void dhcpMatchesTheInterfaceByMac() {
        assertThat(new NetworkConfig.Dhcp("52:54:00:AB:cd:01").render()).contains("""
                version: 2
                ethernets:
                  primary:
                    match:
                      macaddress: "52:54:00:ab:cd:01"
                    dhcp4: true
                """);
    }

    @Test
    void staticWithoutGatewayHasNoDefaultRoute() {
        assertThat(new NetworkConfig.Static("52:54:00:00:00:01", "10.77.0.11", 24, Optional.empty(), List.of())
                .render()).contains("""
                version: 2
                ethernets:
                  primary:
                    match:
                      macaddress: "52:54:00:00:00:01"
                    dhcp4: false
                    addresses:
                      - 10.77.0.11/24
                """);
    }

    @Test
    void staticWithGatewayAndDns() {
        String yaml = new NetworkConfig.Static("52:54:00:00:00:01", "10.77.0.11", 24, Optional.of("10.77.0.1"),
                List.of("10.77.0.1", "10.77.0.2")).render().orElseThrow();

        assertThat(yaml).endsWith("""
                    routes:
                      - to: 0.0.0.0/0
                        via: 10.77.0.1
                    nameservers:
                      addresses: [10.77.0.1, 10.77.0.2]
                """);
    }

    @Test
    void badAddressesAreRefusedByName() {
        assertThatThrownBy(() -> new NetworkConfig.Static("52:54:00:00:00:01", "10.77.0.300", 24, Optional.empty(),
                List.of())).hasMessageContaining("address '10.77.0.300' is not a dotted IPv4 address");
        assertThatThrownBy(() -> new NetworkConfig.Static("52:54:00:00:00:01", "10.77.0.3", 24,
                Optional.of("gw"), List.of())).hasMessageContaining("gateway 'gw'");
        assertThatThrownBy(() -> new NetworkConfig.Dhcp("52:54:00:00:00")).hasMessageContaining("is not a MAC address");
        assertThatThrownBy(() -> new NetworkConfig.Static("52:54:00:00:00:01", "10.77.0.3", 33, Optional.empty(),
                List.of())).hasMessageContaining("prefix length");
    }
}
