package org.elasticslurm.provisioner.chaos;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

/**
 * A libvirtd of the chaos run's own: its sockets in a directory of the run, no hypervisor driver module loaded
 * (an empty {@code LIBVIRT_DRIVER_DIR}), so only libvirt's built-in test driver answers. Its {@code test:///default}
 * host (its storage pool holding a 16 MiB base image, so that 250 overlays fit the pool) lives as long as the
 * daemon, so domains and volumes survive restarts of the service (unlike a
 * {@code test:///file.xml} host, whose state ends with the connection). Stopped by PID.
 */
final class PrivateLibvirtd implements AutoCloseable {
    static final String POOL = "default-pool";
    static final String BASE = "base.qcow2";
    static final String NETWORK = "default";

    private final Process process;
    private final Path socket;
    private final Connect admin;

    PrivateLibvirtd(Path dir, Duration bound) throws IOException, InterruptedException, LibvirtException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path empty = Files.createDirectories(dir.resolve("no-drivers"));
        Path conf = dir.resolve("libvirtd.conf");
        Files.writeString(conf, "unix_sock_dir = \"" + run + "\"\nauth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n"
                + "listen_tcp = 0\nlisten_tls = 0\n");
        socket = run.resolve("libvirt-sock");
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/libvirtd", "-f", conf.toString(), "-p",
                dir.resolve("libvirtd.pid").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("libvirtd.log").toFile());
        pb.environment().put("LIBVIRT_DRIVER_DIR", empty.toString());
        process = pb.start();
        Instant end = Instant.now().plus(bound);
        while (!connectable()) {
            if (!process.isAlive() || Instant.now().isAfter(end)) {
                close();
                throw new IllegalStateException("the private libvirtd did not open " + socket + " within " + bound
                        + ":\n" + Files.readString(dir.resolve("libvirtd.log")));
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        admin = new Connect(uri());
        StoragePool pool = admin.storagePoolLookupByName(POOL);
        pool.storageVolCreateXML("<volume><name>" + BASE + "</name><capacity unit='MiB'>16</capacity>"
                + "<target><format type='qcow2'/></target></volume>", 0);
        pool.free();
    }

    private boolean connectable() {
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

    /** The URI of its shared test host. */
    String uri() {
        return "test+unix:///default?socket=" + socket;
    }

    /** The volumes of the storage pool other than the base image. */
    java.util.List<String> extraVolumes() throws LibvirtException {
        StoragePool pool = admin.storagePoolLookupByName(POOL);
        try {
            pool.refresh(0);
            return java.util.Arrays.stream(pool.listVolumes()).filter(v -> !v.equals(BASE)).sorted().toList();
        } finally {
            pool.free();
        }
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
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
