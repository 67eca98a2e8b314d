package org.elasticslurm.lab.ports;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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
 * <p>Every OS user of the machine shares the directory (labs of CI and of a developer's account must not be handed
 * each other's ports), so it is made world-writable with the sticky bit (mode 1777, as {@code /tmp}: nobody deletes
 * another user's lock file) and every lock file readable and writable by all (0666), whatever the umask: whoever
 * owns one sets its mode when opening it. A directory or file of another user without those modes (made by an
 * older version) is refused with a message saying so.
 *
 * <p>A JVM may hold a file's lock through one channel only (closing a second channel on the same file drops the
 * process's lock on some systems), so the files this JVM holds are kept in one table per JVM.
 */
public final class PortLocks {

    /** System property naming the directory of the lock files; default {@code <java.io.tmpdir>/elastic-slurm-lab-ports}. */
    public static final String DIRECTORY_PROPERTY = "lab.ports.locks";

    /**
     * The lock files held by this JVM, whichever {@code PortLocks} took them: static on purpose, because POSIX
     * record locks belong to the process, not to a channel (a second channel on a held file would "succeed").
     */
    private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();
    private static final int SHARED_DIRECTORY_MODE = 01777;
    private static final Set<PosixFilePermission> SHARED_FILE_MODE = PosixFilePermissions.fromString("rw-rw-rw-");

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

        /** The port this reservation holds. */
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
            shareDirectory();
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (ownedByMe(file) && !Files.getPosixFilePermissions(file).equals(SHARED_FILE_MODE)) {
                Files.setPosixFilePermissions(file, SHARED_FILE_MODE);
            }
            return channel;
        } catch (IOException e) {
            throw new LabException("cannot open " + file + " to reserve a port: the lock directory (-D"
                    + DIRECTORY_PROPERTY + ") must have mode 1777 and its files 0666 for every user of the labs; "
                    + "the user owning one sets that mode when opening it, or choose another directory", e);
        }
    }

    /** Mode 1777 for the directory, if this user owns it and it has not got it yet. */
    private void shareDirectory() throws IOException {
        if (!ownedByMe(dir) || (int) Files.getAttribute(dir, "unix:mode") % 010000 == SHARED_DIRECTORY_MODE) {
            return;
        }
        Files.setAttribute(dir, "unix:mode", SHARED_DIRECTORY_MODE);
    }

    /** Whether this process's user owns {@code path} (by uid: a user need not have a name on this machine). */
    private static boolean ownedByMe(Path path) throws IOException {
        return Files.getAttribute(path, "unix:uid").equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked through it
        }
    }
}
