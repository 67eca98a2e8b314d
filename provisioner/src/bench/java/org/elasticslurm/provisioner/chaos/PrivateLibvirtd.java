package org.elasticslurm.provisioner.chaos;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * A libvirtd of the chaos run's own: its sockets in a directory of the run, no hypervisor driver module loaded
 * (an empty {@code LIBVIRT_DRIVER_DIR}), so only libvirt's built-in test driver answers. Its {@code test:///default}
 * host (its storage pool holding a 16 MiB base image, so that 250 overlays fit the pool) lives as long as the
 * daemon, so domains and volumes survive restarts of the service (unlike a
 * {@code test:///file.xml} host, whose state ends with the connection). Stopped by PID.
 *
 * <p>{@link #restart} kills the daemon with SIGKILL and starts a new one. A real libvirtd keeps what it
 * acknowledged (persistent definitions, running guests, pool volumes); the test driver keeps its state in memory
 * only, so the run carries it over: the state is read while the service is frozen (SIGSTOP, no call of it is
 * half-way in the daemon), and the new daemon gets it back before its socket is put in place of the old one
 * (clients connect through a symbolic link that is switched atomically). Until then clients find no daemon.
 */
final class PrivateLibvirtd implements ChaosHost {
    static final String POOL = "default-pool";
    static final String BASE = "base.qcow2";
    static final String NETWORK = "default";

    private final Path dir;
    private final Duration bound;
    /** The path clients use: a symbolic link to the socket of the current daemon. */
    private final Path socket;
    private Process process;
    private Connect admin;
    private int generation;

    PrivateLibvirtd(Path dir, Duration bound) throws IOException, InterruptedException, LibvirtException {
        this.dir = dir;
        this.bound = bound;
        this.socket = dir.resolve("libvirt-sock");
        Path own = launch();
        admin = new Connect(uri(own));
        StoragePool pool = admin.storagePoolLookupByName(POOL);
        pool.storageVolCreateXML(volumeXml(BASE, 16L << 20), 0);
        pool.free();
        expose(own);
    }

    /** Starts a daemon of the next generation; returns its own socket. */
    private Path launch() throws IOException, InterruptedException {
        generation++;
        Path run = Files.createDirectories(dir.resolve("run-" + generation));
        Path empty = Files.createDirectories(dir.resolve("no-drivers"));
        Path conf = dir.resolve("libvirtd-" + generation + ".conf");
        Files.writeString(conf, "unix_sock_dir = \"" + run + "\"\nauth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n"
                + "listen_tcp = 0\nlisten_tls = 0\n");
        Path own = run.resolve("libvirt-sock");
        Path log = dir.resolve("libvirtd-" + generation + ".log");
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/libvirtd", "-f", conf.toString(), "-p",
                dir.resolve("libvirtd-" + generation + ".pid").toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("LIBVIRT_DRIVER_DIR", empty.toString());
        process = pb.start();
        Instant end = Instant.now().plus(bound);
        while (!connectable(own)) {
            if (!process.isAlive() || Instant.now().isAfter(end)) {
                close();
                throw new IllegalStateException("the private libvirtd did not open " + own + " within " + bound
                        + ":\n" + Files.readString(log));
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return own;
    }

    /** Points the clients' path at {@code own} in one step. */
    private void expose(Path own) throws IOException {
        Path link = dir.resolve("libvirt-sock.new");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, own);
        Files.move(link, socket, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean connectable(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String uri(Path socket) {
        return "test+unix:///default?socket=" + socket;
    }

    private static String volumeXml(String name, long bytes) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + bytes + "</capacity>"
                + "<target><format type='qcow2'/></target></volume>";
    }

    /** The URI of its shared test host (stable across restarts). */
    @Override
    public String uri() {
        return uri(socket);
    }

    /** The test driver answers in milliseconds: 2 s is long past any answer but an injected hang. */
    @Override
    public Duration callTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** What a real libvirtd keeps across its restart. */
    private record Kept(List<String[]> volumes, List<String> domainXml, List<Integer> domainStates) {
    }

    /**
     * Restarts the daemon: reads its state while {@code freeze} holds the clients still, SIGKILLs the daemon (by
     * PID), lets {@code freeze} go, leaves the clients without a daemon for {@code down}, then starts a new daemon,
     * gives it the state back and puts its socket in place.
     *
     * @param freeze holds the clients while it runs its argument
     */
    @Override
    public void restart(Duration down, Freezer freeze) throws Exception {
        Kept kept = freeze.during(() -> {
            Kept k = keep();
            process.destroyForcibly();
            process.waitFor();
            return k;
        });
        try {
            admin.close();
        } catch (LibvirtException e) {
            // the daemon is gone; its connection with it
        }
        Thread.sleep(down.toMillis()); // the seeded outage: clients find a dead socket
        Path own = launch();
        admin = new Connect(uri(own));
        restore(kept);
        expose(own);
    }

    private Kept keep() throws LibvirtException {
        List<String[]> volumes = new ArrayList<>();
        StoragePool pool = admin.storagePoolLookupByName(POOL);
        try {
            pool.refresh(0);
            for (String v : pool.listVolumes()) {
                StorageVol vol = pool.storageVolLookupByName(v);
                volumes.add(new String[] {v, Long.toString(vol.getInfo().capacity)});
                vol.free();
            }
        } finally {
            pool.free();
        }
        List<String> xml = new ArrayList<>();
        List<Integer> states = new ArrayList<>();
        for (String name : admin.listDefinedDomains()) {
            Domain d = admin.domainLookupByName(name);
            xml.add(d.getXMLDesc(0));
            states.add(0);
            d.free();
        }
        for (int id : admin.listDomains()) {
            Domain d = admin.domainLookupByID(id);
            if (d.getName().equals("test")) {
                d.free();
                continue; // the test driver's own domain, there again after the restart
            }
            xml.add(d.getXMLDesc(0));
            DomainInfo.DomainState s = d.getInfo().state;
            states.add((d.isPersistent() == 1 ? 1 : 3) + (s == DomainInfo.DomainState.VIR_DOMAIN_PAUSED ? 1 : 0) * 10);
            d.free();
        }
        return new Kept(volumes, xml, states);
    }

    /** States: 0 defined, 1 running, 3 running transient; +10 paused. */
    private void restore(Kept kept) throws LibvirtException {
        StoragePool pool = admin.storagePoolLookupByName(POOL);
        try {
            for (String[] v : kept.volumes()) {
                pool.storageVolCreateXML(volumeXml(v[0], Long.parseLong(v[1])), 0);
            }
        } finally {
            pool.free();
        }
        for (int i = 0; i < kept.domainXml().size(); i++) {
            int state = kept.domainStates().get(i);
            String xml = kept.domainXml().get(i);
            Domain d;
            if (state % 10 == 3) {
                d = admin.domainCreateXML(xml, 0);
            } else {
                d = admin.domainDefineXML(xml);
                if (state % 10 == 1) {
                    d.create();
                }
            }
            if (state >= 10) {
                d.suspend();
            }
            d.free();
        }
    }

    @Override
    public List<String> extraVolumes() throws LibvirtException {
        StoragePool pool = admin.storagePoolLookupByName(POOL);
        try {
            pool.refresh(0);
            return java.util.Arrays.stream(pool.listVolumes()).filter(v -> !v.equals(BASE)).sorted().toList();
        } finally {
            pool.free();
        }
    }

    @Override
    public java.util.Map<String, String> poolProperties(List<String> nodes) {
        return java.util.Map.of("storage-pool", POOL, "base-image", BASE, "network", NETWORK, "memory", "64");
    }

    @Override
    public void close() throws InterruptedException {
        if (admin != null) {
            try {
                admin.close();
            } catch (LibvirtException e) {
                // the daemon is stopped next anyway
            }
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
