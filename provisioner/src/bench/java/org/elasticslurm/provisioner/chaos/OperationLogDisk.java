package org.elasticslurm.provisioner.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file system of the service's operation log in a chaos run: a small tmpfs the run mounts on a directory of
 * its own and unmounts when closed (also from a shutdown hook, so a run stopped with SIGTERM or Ctrl-C leaves no
 * mount behind). {@link #fill} writes a filler file until the file system is full; {@link #free} deletes it.
 * Needs root (mount(8)).
 */
final class OperationLogDisk implements AutoCloseable {
    private final Path mount;
    private final Path filler;
    private final Thread unmountOnExit;
    private boolean mounted;

    /** Mounts a tmpfs of {@code size} (mount(8)'s syntax, e.g. 8m) on {@code mount}, created if needed. */
    OperationLogDisk(Path mount, String size) throws IOException, InterruptedException {
        this.mount = Files.createDirectories(mount);
        this.filler = mount.resolve("filler");
        run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "chaos-oplog", mount.toString());
        mounted = true;
        unmountOnExit = new Thread(this::unmountQuietly, "chaos-oplog-umount");
        Runtime.getRuntime().addShutdownHook(unmountOnExit);
    }

    Path path() {
        return mount;
    }

    /** Writes the filler until the file system has no space left; returns the bytes written. */
    long fill() throws IOException {
        byte[] chunk = new byte[4096];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
                written += chunk.length;
            }
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("No space left on device")) {
                throw e;
            }
        }
        return written;
    }

    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (mounted) {
            run("umount", mount.toString());
            mounted = false;
            try {
                Runtime.getRuntime().removeShutdownHook(unmountOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs and finds nothing mounted
            }
        }
    }

    private void unmountQuietly() {
        if (mounted) {
            try {
                run("umount", "-l", mount.toString());
            } catch (IOException | InterruptedException | IllegalStateException e) {
                System.err.println("chaos: cannot unmount " + mount + ": " + e.getMessage());
            }
        }
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out.strip());
        }
    }
}
