package org.elasticslurm.provisioner.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticslurm.provisioner.libvirt.DomainSummary;
import org.elasticslurm.provisioner.libvirt.LibvirtHypervisor;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

/**
 * The machine's own libvirtd ({@code qemu:///system}) as a chaos run's host, with tiny guests: TCG domains of
 * 64 MiB with a blank 16 MiB disk and no interface, so SeaBIOS finds nothing to boot and waits (no OS is needed:
 * the run checks domains, volumes, seeds and the service's bookkeeping). Their addresses come from a hosts file
 * of the run (loopback addresses 127.78.0.N, never contacted); their volumes live in a storage pool of the run's
 * own (a directory of the run, named after the run's owner).
 *
 * <p>{@link #restart} SIGKILLs the system libvirtd by the PID in {@code /run/libvirtd.pid} and starts it again as
 * ci/start-libvirt.sh does; it refuses while the daemon holds domains of others (another run uses it). A real
 * libvirtd keeps definitions, running guests and pools across a restart, so the service is not frozen.
 * {@link #close} destroys and undefines the run's domains and removes its pool.
 */
final class SystemQemuHost implements ChaosHost {
    static final String URI = "qemu:///system";
    static final String BASE = "base.qcow2";
    private static final Path PID_FILE = Path.of("/run/libvirtd.pid");

    private final Path dir;
    private final String owner;
    private final Duration bound;
    private Connect admin;

    /**
     * Creates the run's storage pool (with its base image) on the system libvirtd.
     *
     * @param dir a directory of the run's directory for the host (pool directory, hosts file); both are made
     *            traversable for qemu's user
     * @param restarts whether the run will restart the daemon: refused at once while it runs domains of others
     * @throws IllegalStateException when libvirtd does not answer on {@code qemu:///system}, or restarts are asked
     *                               for while it runs domains of others
     */
    SystemQemuHost(Path dir, String owner, Duration bound, boolean restarts) throws IOException, InterruptedException {
        this.dir = dir;
        this.owner = owner;
        this.bound = bound;
        try {
            admin = new Connect(URI);
        } catch (LibvirtException e) {
            throw new IllegalStateException("libvirtd does not answer on " + URI + " (start it: ci/start-libvirt.sh): "
                    + e.getMessage(), e);
        }
        if (restarts) {
            refuseWhileShared();
        }
        // qemu's user opens the disks and seeds: the run's directory and this one must be traversable
        Files.createDirectories(dir);
        for (Path p : new Path[] {dir.getParent(), dir}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Path poolDir = Files.createDirectories(dir.resolve("pool"));
        Process img = new ProcessBuilder("/usr/bin/qemu-img", "create", "-q", "-f", "qcow2",
                poolDir.resolve(BASE).toString(), "16M").redirectErrorStream(true).start();
        String out = new String(img.getInputStream().readAllBytes());
        if (img.waitFor() != 0) {
            throw new IllegalStateException("qemu-img create " + BASE + " failed: " + out);
        }
        try {
            StoragePool pool = admin.storagePoolDefineXML("<pool type='dir'><name>" + owner + "</name><target><path>"
                    + poolDir + "</path></target></pool>", 0);
            pool.create(0);
            pool.refresh(0);
            pool.free();
        } catch (LibvirtException e) {
            throw new IllegalStateException("cannot create the storage pool " + owner + " on " + URI + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String uri() {
        return URI;
    }

    /**
     * A real libvirtd starting a burst's domains at once on two cores answers a call in several seconds (with 2 s,
     * the test driver's, starts and placement's resource reads timed out with no fault injected); the service's
     * default is 60 s.
     */
    @Override
    public Duration callTimeout() {
        return Duration.ofSeconds(20);
    }

    @Override
    public long pid() {
        try {
            return Long.parseLong(Files.readString(PID_FILE).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read libvirtd's PID from " + PID_FILE + ": " + e, e);
        }
    }

    @Override
    public Map<String, String> poolProperties(List<String> nodes) throws IOException {
        StringBuilder hosts = new StringBuilder();
        int tag = Math.floorMod(owner.hashCode(), 0x10000);
        for (int i = 0; i < nodes.size(); i++) {
            hosts.append(String.format("52:54:00:%02x:%02x:%02x,127.78.0.%d,%s%n", tag >> 8, tag & 0xff, i + 1, i + 1,
                    nodes.get(i)));
        }
        Path hostsFile = dir.resolve("map.hosts");
        Files.writeString(hostsFile, hosts);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("storage-pool", owner);
        p.put("base-image", BASE);
        p.put("network", "none");
        p.put("hosts-file", hostsFile.toString());
        p.put("domain-type", "qemu");
        p.put("memory", "64");
        return p;
    }

    @Override
    public void restart(Duration down, Freezer freeze) throws Exception {
        refuseWhileShared();
        long pid = pid();
        closeAdmin();
        Process kill = new ProcessBuilder("/bin/kill", "-KILL", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -KILL " + pid + " (libvirtd) failed");
        }
        Instant end = Instant.now().plus(bound);
        while (Files.exists(Path.of("/proc", Long.toString(pid)))) {
            if (Instant.now().isAfter(end)) {
                throw new IllegalStateException("libvirtd " + pid + " did not end within " + bound + " of SIGKILL");
            }
            kill.waitFor(50, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(down.toMillis()); // the seeded outage: clients find no daemon
        Process start = new ProcessBuilder("/usr/sbin/libvirtd", "--daemon").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (start.waitFor() != 0) {
            throw new IllegalStateException("libvirtd --daemon exited " + start.exitValue());
        }
        while (admin == null) {
            try {
                admin = new Connect(URI);
            } catch (LibvirtException e) {
                if (Instant.now().isAfter(end.plus(down))) {
                    throw new IllegalStateException("libvirtd did not answer on " + URI + " after its restart: "
                            + e.getMessage(), e);
                }
                start.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void refuseWhileShared() {
        List<String> others;
        try (LibvirtHypervisor h = LibvirtHypervisor.open(URI)) {
            others = foreign(h.domains(), owner);
        }
        if (!others.isEmpty()) {
            throw new IllegalStateException("the system libvirtd runs domains of others (" + String.join(", ", others)
                    + "): another run uses it, so --libvirtd-restarts is refused with --hypervisor qemu");
        }
    }

    /** Names of the domains that are not {@code owner}'s. */
    static List<String> foreign(List<DomainSummary> domains, String owner) {
        return domains.stream().filter(d -> d.metadata().filter(m -> m.ownedBy(owner)).isEmpty())
                .map(DomainSummary::name).sorted().toList();
    }

    @Override
    public List<String> extraVolumes() throws LibvirtException {
        StoragePool pool = admin.storagePoolLookupByName(owner);
        try {
            pool.refresh(0);
            return Arrays.stream(pool.listVolumes()).filter(v -> !v.equals(BASE)).sorted().toList();
        } finally {
            pool.free();
        }
    }

    @Override
    public void close() throws Exception {
        try (LibvirtHypervisor h = LibvirtHypervisor.open(URI)) {
            for (DomainSummary d : h.domains()) {
                if (d.metadata().filter(m -> m.ownedBy(owner)).isPresent()) {
                    h.destroy(d.name());
                    h.undefine(d.name());
                }
            }
        }
        if (admin == null) {
            admin = new Connect(URI);
        }
        StoragePool pool = admin.storagePoolLookupByName(owner);
        try {
            for (String v : pool.listVolumes()) {
                pool.storageVolLookupByName(v).delete(0);
            }
            pool.destroy();
            pool.undefine();
        } finally {
            pool.free();
            closeAdmin();
        }
    }

    private void closeAdmin() {
        if (admin != null) {
            try {
                admin.close();
            } catch (LibvirtException e) {
                // the daemon is stopped next, or gone
            }
            admin = null;
        }
    }
}
