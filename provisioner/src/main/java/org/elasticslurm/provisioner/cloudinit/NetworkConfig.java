package org.elasticslurm.provisioner.cloudinit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The seed's network-config (version 2), matching the guest's interface by its MAC address.
 */
public sealed interface NetworkConfig {

    /** The network-config file's content, or empty when the seed carries none. */
    Optional<String> render();

    /** No network-config file: cloud-init's fallback (DHCP on the first interface) applies. */
    record None() implements NetworkConfig {
        @Override
        public Optional<String> render() {
            return Optional.empty();
        }
    }

    /**
     * DHCP on the interface with this MAC.
     *
     * @param mac the interface's MAC address
     */
    record Dhcp(String mac) implements NetworkConfig {
        /** Checks the MAC. */
        public Dhcp {
            Checks.mac(mac);
        }

        @Override
        public Optional<String> render() {
            return Optional.of(header(mac) + "    dhcp4: true\n");
        }
    }

    /**
     * A static address on the interface with this MAC.
     *
     * @param mac the interface's MAC address
     * @param address IPv4 address
     * @param prefix its prefix length
     * @param gateway default gateway, or empty for no default route
     * @param dns name servers
     */
    record Static(String mac, String address, int prefix, Optional<String> gateway, List<String> dns)
            implements NetworkConfig {
        /** Checks every address and the prefix length. */
        public Static {
            dns = List.copyOf(dns);
            Checks.mac(mac);
            Checks.ipv4("address", address);
            gateway.ifPresent(g -> Checks.ipv4("gateway", g));
            dns.forEach(d -> Checks.ipv4("dns", d));
            if (prefix < 1 || prefix > 32) {
                throw new IllegalArgumentException("prefix length must be between 1 and 32: " + prefix);
            }
        }

        @Override
        public Optional<String> render() {
            StringBuilder s = new StringBuilder(header(mac));
            s.append("    dhcp4: false\n");
            s.append("    addresses:\n      - ").append(address).append('/').append(prefix).append('\n');
            gateway.ifPresent(g -> s.append("    routes:\n      - to: 0.0.0.0/0\n        via: ").append(g)
                    .append('\n'));
            if (!dns.isEmpty()) {
                s.append("    nameservers:\n      addresses: [").append(String.join(", ", dns)).append("]\n");
            }
            return Optional.of(s.toString());
        }
    }

    private static String header(String mac) {
        return "version: 2\nethernets:\n  primary:\n    match:\n      macaddress: \"" + mac.toLowerCase() + "\"\n";
    }

    /** Shared argument checks. */
    final class Checks {
        private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");
        private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

        private Checks() {
        }

        static void mac(String mac) {
            if (!MAC.matcher(mac).matches()) {
                throw new IllegalArgumentException("'" + mac + "' is not a MAC address (six hex pairs with ':')");
            }
        }

        static void ipv4(String what, String address) {
            var m = IPV4.matcher(address);
            boolean ok = m.matches();
            for (int i = 1; ok && i <= 4; i++) {
                ok = Integer.parseInt(m.group(i)) <= 255;
            }
            if (!ok) {
                throw new IllegalArgumentException(what + " '" + address + "' is not a dotted IPv4 address");
            }
        }
    }
}
