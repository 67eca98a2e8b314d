package org.elasticslurm.lab.ports;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.lab.process.LabException;

/**
 * Reservations of TCP ports that hold across labs and JVMs on this machine: one lock file per port
 * ({@code <dir>/<port>.lock}) locked with {@link FileChannel#tryLock()} for as long as the reservation lasts. The
 * operating system drops the lock when the JVM ends however it ends, so a killed run leaves no reservation behind;
 * the files themselves stay (deleting a lock file another JVM is about to lock would let two JVMs hold the "same"
 * port).
 *
 * <p>A JVM may hold a file's lock through one channel only (closing a second channel on the same file drops the
 * process's lock on some systems), so the files this JVM holds are kept in one table per JVM.
 */
public final class PortLocks {

    /** System property naming the directory of the lock files; default {@code <java.io.tmpdir>/elastic-slurm-lab-ports}. */
    public static final String DIRECTORY_PROPERTY = "lab.ports.locks";

    private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();

    private final Path dir;

    /** Lock files under {@code dir} (created if missing). */
    public PortLocks(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The directory of {@code -Dlab.ports.locks}, else {@code <java.io.tmpdir>/elastic-slurm-lab-ports}. */
    public static PortLocks fromSystemProperties() {
        String dir = System.getProperty(DIRECTORY_PROPERTY, "");
        return new PortLocks(dir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "elastic-slurm-lab-ports")
                : Path.of(dir));
    }

    /** A held port: {@link #close()} releases it. */
    public static final class Held implements AutoCloseable {
        private final int port;
        private final Path file;
        private final FileChannel channel;
        private boolean released;

        private Held(int port, Path file, FileChannel channel) {
            this.port = port;
            this.file = file;
            this.channel = channel;
        }

        public int port() {
            return port;
        }

        @Override
        public void close() {
            synchronized (HELD_IN_THIS_JVM) {
                if (released) {
                    return;
                }
                released = true;
                try {
                    channel.close(); // releases the lock
                } catch (IOException e) {
                    throw new LabException("cannot release the lock of port " + port + " (" + file + ")", e);
                } finally {
                    HELD_IN_THIS_JVM.remove(file);
                }
            }
        }
    }

    /** Locks {@code port} unless a lab of this or another JVM holds it; empty if it is held. */
    public Optional<Held> tryLock(int port) {
        Path file = dir.resolve(port + ".lock");
        synchronized (HELD_IN_THIS_JVM) {
            if (HELD_IN_THIS_JVM.contains(file)) {
                return Optional.empty();
            }
            FileChannel channel = open(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | OverlappingFileLockException e) {
                closeQuietly(channel);
                throw new LabException("cannot lock " + file + " to reserve port " + port, e);
            }
            if (lock == null) {
                closeQuietly(channel);
                return Optional.empty();
            }
            HELD_IN_THIS_JVM.add(file);
            return Optional.of(new Held(port, file, channel));
        }
    }

    private FileChannel open(Path file) {
        try {
            Files.createDirectories(dir);
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LabException("cannot open " + file + " to reserve a port (directory: -D" + DIRECTORY_PROPERTY
                    + ")", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked through it
        }
    }
}
