package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Fixed MAC to IP assignments, like the dnsmasq {@code dhcp-hostsfile} ("map.hosts") of the original setup:
 * one {@code mac,ip[,hostname]} per line. A line that names a node as hostname also fixes that node's MAC.
 *
 * <p>The hosts file is read again when it changed (modification time, size or file identity differ from the
 * last read), so reservations added while the service runs count. A changed file that cannot be read or breaks
 * a rule is not applied: the last good assignments stay in force and the problem is logged once per change.
 * Thread-safe.
 */
public final class StaticAddressMap {
    private static final Logger LOG = Logger.getLogger(StaticAddressMap.class);
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

    /** What identifies one version of the hosts file. */
    private record Stamp(long modifiedNanos, long size, Object fileKey) {
    }

    /** The assignments of one read, with the stamp of the file it came from and a generation number. */
    private record Snapshot(Map<String, Entry> byMac, Optional<Stamp> stamp, long generation) {
    }

    private final Map<String, String> macToIp;
    private final Optional<Path> hostsFile;
    private final Object lock = new Object();
    private volatile Snapshot snapshot;
    private volatile Optional<Stamp> rejected = Optional.empty();

    private StaticAddressMap(Map<String, String> macToIp, Optional<Path> hostsFile, Snapshot first) {
        this.macToIp = Map.copyOf(macToIp);
        this.hostsFile = hostsFile;
        this.snapshot = first;
    }

    /** The empty map. */
    public static StaticAddressMap empty() {
        return new StaticAddressMap(Map.of(), Optional.empty(), new Snapshot(Map.of(), Optional.empty(), 0));
    }

    /**
     * Builds the map from {@code mac-ip} pairs and an optional hosts file.
     *
     * @throws IllegalArgumentException naming every bad pair or line (file and line number) and the rule
     */
    public static StaticAddressMap of(Map<String, String> macToIp, Optional<Path> hostsFile) {
        Optional<Stamp> stamp = hostsFile.flatMap(StaticAddressMap::stamp);
        return new StaticAddressMap(macToIp, hostsFile, new Snapshot(read(macToIp, hostsFile), stamp, 0));
    }

    private static Optional<Stamp> stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new Stamp(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    a.size(), a.fileKey()));
        } catch (IOException e) {
            return Optional.empty(); // the read that follows names the problem
        }
    }

    private static Map<String, Entry> read(Map<String, String> macToIp, Optional<Path> hostsFile) {
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
        return byMac;
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

    /** The assignments in force: the hosts file is read again first when it changed since the last read. */
    private Snapshot current() {
        Snapshot s = snapshot;
        if (hostsFile.isEmpty()) {
            return s;
        }
        Optional<Stamp> now = stamp(hostsFile.get());
        if (now.equals(s.stamp()) || now.equals(rejected)) {
            return s;
        }
        synchronized (lock) {
            s = snapshot;
            if (now.equals(s.stamp()) || now.equals(rejected)) {
                return s;
            }
            try {
                Snapshot fresh = new Snapshot(read(macToIp, hostsFile), now, s.generation() + 1);
                snapshot = fresh;
                rejected = Optional.empty();
                LOG.infof("hosts-file %s read again: %d assignments", hostsFile.get(), fresh.byMac().size());
                return fresh;
            } catch (IllegalArgumentException e) {
                rejected = now;
                LOG.errorf("hosts-file %s changed but is not applied, the previous %d assignments stay in force: %s",
                        hostsFile.get(), s.byMac().size(), e.getMessage());
                return s;
            }
        }
    }

    /** Counts the reads of the hosts file that changed the assignments (0 for the first); for change detection. */
    long generation() {
        return current().generation();
    }

    /** The address fixed for a MAC. */
    public Optional<String> addressOf(String mac) {
        return Optional.ofNullable(current().byMac().get(mac.toLowerCase())).map(Entry::address);
    }

    /** The MAC a line with this host name fixes. */
    public Optional<String> macOfHost(String hostname) {
        return entryOfHost(hostname).map(Entry::mac);
    }

    /** The address of the line with this host name. */
    public Optional<String> addressOfHost(String hostname) {
        return entryOfHost(hostname).map(Entry::address);
    }

    private Optional<Entry> entryOfHost(String hostname) {
        return current().byMac().values().stream().filter(e -> e.hostname().filter(hostname::equals).isPresent())
                .findFirst();
    }

    /** Every entry in force. */
    public List<Entry> entries() {
        return List.copyOf(current().byMac().values());
    }

    @Override
    public String toString() {
        return "StaticAddressMap" + hostsFile.map(f -> "[" + f + "]").orElse("") + entries();
    }
}
