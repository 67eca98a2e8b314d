package org.elasticslurm.testsupport.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A machine's CPU slots, shared by every JVM through lock files: {@code slot-0.lock} .. {@code slot-<n-1>.lock} and
 * {@code gate.lock} in one directory. A JVM holds a slot while it holds an exclusive lock of its file; the kernel
 * drops the locks of a process that dies, so a crashed test run frees its slots.
 *
 * <p>An acquisition queues first in this JVM (a fair lock), then takes the gate file, takes its slots one by one as
 * they come free (lowest index first), and gives the gate back. A holder never waits for the gate, so there is no
 * deadlock; while a request for many slots waits at the gate, no later request takes a slot, so a stream of 1-slot
 * tests does not starve it. File locks belong to the process (POSIX): a second lock of a file this JVM already holds
 * would fail, and closing any channel of such a file would drop the lock, so the slots this JVM holds are tracked
 * here and never opened again until given back.
 */
public final class MachineSlots {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Path gate;
    private final List<Path> slotFiles;
    private final ReentrantLock queue = new ReentrantLock(true);
    private final ReentrantLock state = new ReentrantLock();
    private final Condition released = state.newCondition();
    private final FileLock[] heldHere;

    private MachineSlots(Path gate, List<Path> slotFiles) {
        this.gate = gate;
        this.slotFiles = slotFiles;
        this.heldHere = new FileLock[slotFiles.size()];
    }

    /**
     * The slots of {@code settings}: creates the directory and its files when missing, readable and writable by
     * every user of the machine (tests of several users share the budget).
     */
    public static MachineSlots open(SlotSettings settings) {
        Path dir = settings.directory();
        try {
            createShared(dir, true);
            List<Path> slots = new ArrayList<>();
            for (int i = 0; i < settings.slots(); i++) {
                slots.add(createShared(dir.resolve("slot-" + i + ".lock"), false));
            }
            return new MachineSlots(createShared(dir.resolve("gate.lock"), false), List.copyOf(slots));
        } catch (IOException e) {
            throw new UncheckedIOException("CPU slot directory " + dir + " (-D" + SlotSettings.DIRECTORY
                    + "): cannot create or open its lock files: " + e, e);
        }
    }

    /** The number of slots. */
    public int count() {
        return slotFiles.size();
    }

    /**
     * Waits until this process holds {@code cost} slots (all of them when {@code cost} is larger) and returns them.
     *
     * @throws InterruptedException when the thread is interrupted while waiting; it then holds nothing
     */
    public Held acquire(int cost) throws InterruptedException {
        if (cost < 1) {
            throw new IllegalArgumentException("a CPU slot request needs a cost >= 1, not " + cost);
        }
        int wanted = Math.min(cost, count());
        queue.lockInterruptibly();
        try {
            FileLock gateLock = waitFor(gate);
            try {
                return takeSlots(wanted);
            } finally {
                closeQuietly(gateLock.channel());
            }
        } finally {
            queue.unlock();
        }
    }

    private FileLock waitFor(Path file) throws InterruptedException {
        FileLock lock = tryLock(file);
        while (lock == null) {
            pause();
            lock = tryLock(file);
        }
        return lock;
    }

    private Held takeSlots(int wanted) throws InterruptedException {
        List<Integer> taken = new ArrayList<>();
        try {
            while (true) {
                state.lock();
                try {
                    for (int i = 0; i < heldHere.length && taken.size() < wanted; i++) {
                        if (heldHere[i] == null) {
                            heldHere[i] = tryLock(slotFiles.get(i));
                            if (heldHere[i] != null) {
                                taken.add(i);
                            }
                        }
                    }
                    if (taken.size() == wanted) {
                        return new Held(List.copyOf(taken));
                    }
                    released.awaitNanos(POLL_NANOS);
                } finally {
                    state.unlock();
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            release(taken);
            throw e;
        }
    }

    /** Waits a poll interval, or less when a slot of this JVM is given back. */
    private void pause() throws InterruptedException {
        state.lock();
        try {
            released.awaitNanos(POLL_NANOS);
        } finally {
            state.unlock();
        }
    }

    /** An exclusive lock of {@code file} on a channel of its own, or null when another process holds one. */
    private static FileLock tryLock(Path file) throws InterruptedException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (ClosedByInterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while taking " + file);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("CPU slot file " + file + ": " + e, e);
        }
    }

    private void release(List<Integer> slots) {
        state.lock();
        try {
            for (int i : slots) {
                closeQuietly(heldHere[i].channel());
                heldHere[i] = null;
            }
            released.signalAll();
        } finally {
            state.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing releases the lock; a failing close leaves nothing to undo
        }
    }

    private static Path createShared(Path path, boolean directory) throws IOException {
        try {
            if (directory) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.createDirectory(path);
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            return path;
        }
        // after creating it: the umask would cut the permissions given at creation
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwxrwxrwx" : "rw-rw-rw-"));
        return path;
    }

    /**
     * Slots this process holds; {@link #lowerTo} gives back some of them before the end, {@link #close()} the rest.
     * Each slot is given back once: a slot given back and taken again by another holder is not given back again.
     */
    public final class Held implements AutoCloseable {
        private List<Integer> slots;

        private Held(List<Integer> slots) {
            this.slots = slots;
        }

        /** How many slots are held now. */
        public synchronized int count() {
            return slots.size();
        }

        /**
         * Gives back every slot above {@code count} (the last taken first); nothing when this holds {@code count} or
         * fewer. May be called from any thread.
         *
         * @return how many slots were given back
         */
        public synchronized int lowerTo(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("a holding of CPU slots can be lowered to 0 or more, not " + count);
            }
            if (count >= slots.size()) {
                return 0;
            }
            List<Integer> given = slots.subList(count, slots.size());
            release(given);
            int n = given.size();
            slots = List.copyOf(slots.subList(0, count));
            return n;
        }

        @Override
        public void close() {
            lowerTo(0);
        }
    }
}
