package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fixed MAC to IP assignments, like the dnsmasq {@code dhcp-hostsfile} ("map.hosts") of the original setup:
 * one {@code mac,ip[,hostname]} per line. A line that names a node as hostname also fixes that node's MAC.
 */
public final class StaticAddressMap {
    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*");

    /**
     * One assignment.
     *
     * @param mac MAC address, lower case
     * @param address IPv4 address
     * @param hostname host name, when the line gives one
     */
    public record Entry(String mac, String address, Optional<String> hostname) {
    }

    private final Map<String, Entry> byMac;

    private StaticAddressMap(Map<String, Entry> byMac) {
        this.byMac = Map.copyOf(byMac);
    }

    /** The empty map. */
    public static StaticAddressMap empty() {
        return new StaticAddressMap(Map.of());
    }

    /**
     * Builds the map from {@code mac-ip} pairs and an optional hosts file.
     *
     * @throws IllegalArgumentException naming every bad pair or line (file and line number) and the rule
     */
    public static StaticAddressMap of(Map<String, String> macToIp, Optional<Path> hostsFile) {
        List<String> problems = new ArrayList<>();
        Map<String, Entry> byMac = new LinkedHashMap<>();
        macToIp.forEach((mac, ip) -> {
            if (!MAC.matcher(mac).matches() || !IPV4.matcher(ip).matches()) {
                problems.add("mac-ip \"" + mac + "\"=" + ip + ": needs a MAC address (six hex pairs) and a dotted"
                        + " IPv4 address");
            } else {
                add(byMac, new Entry(mac.toLowerCase(), ip, Optional.empty()), "mac-ip", problems);
            }
        });
        if (hostsFile.isPresent()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(hostsFile.get());
            } catch (IOException e) {
                throw new IllegalArgumentException("hosts-file " + hostsFile.get() + " cannot be read: " + e, e);
            }
            for (int i = 0; i < lines.size(); i++) {
                parseLine(lines.get(i).strip(), hostsFile.get() + ":" + (i + 1), byMac, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new StaticAddressMap(byMac);
    }

    private static void parseLine(String line, String where, Map<String, Entry> byMac, List<String> problems) {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        String mac = null;
        String ip = null;
        String host = null;
        for (String field : line.split(",")) {
            String f = field.strip();
            if (MAC.matcher(f).matches()) {
                mac = f.toLowerCase();
            } else if (IPV4.matcher(f).matches()) {
                ip = f;
            } else if (host == null && HOSTNAME.matcher(f).matches() && !isLeaseTime(f)) {
                host = f;
            }
        }
        if (mac == null || ip == null) {
            problems.add(where + ": a line needs a MAC address and an IPv4 address (mac,ip[,hostname]): '" + line + "'");
            return;
        }
        add(byMac, new Entry(mac, ip, Optional.ofNullable(host)), where, problems);
    }

    private static boolean isLeaseTime(String f) {
        return f.equals("infinite") || f.matches("\\d+[smhdw]?");
    }

    private static void add(Map<String, Entry> byMac, Entry e, String where, List<String> problems) {
        Entry previous = byMac.putIfAbsent(e.mac(), e);
        if (previous != null && !previous.address().equals(e.address())) {
            problems.add(where + ": MAC " + e.mac() + " is mapped to " + previous.address() + " and " + e.address());
        }
    }

    /** The address fixed for a MAC. */
    public Optional<String> addressOf(String mac) {
        return Optional.ofNullable(byMac.get(mac.toLowerCase())).map(Entry::address);
    }

    /** The MAC a line with this host name fixes. */
    public Optional<String> macOfHost(String hostname) {
        return byMac.values().stream().filter(e -> e.hostname().filter(hostname::equals).isPresent())
                .map(Entry::mac).findFirst();
    }

    /** Every entry. */
    public List<Entry> entries() {
        return List.copyOf(byMac.values());
    }
}
