package org.elasticslurm.scenarios.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scratch directories of one kind of run under a parent directory, named {@code PREFIX-PID-N}: {@code PID}
 * is the process that owns it (this JVM), {@code N} tells its runs apart. A run removes its directory when it
 * ends, and on SIGTERM/SIGINT through a {@link org.elasticslurm.lab.process.CleanupOnExit}; a run that was SIGKILLed cannot, so
 * {@link #sweep} removes the directories whose owner is no longer alive (called as the next run starts).
 *
 * <p>A dead owner's PID may meanwhile belong to another process; its directory is then left until that process
 * is gone too (never removed while its PID is alive).
 */
public final class ScratchDirectories {

    private final Path parent;
    private final String prefix;
    private final Pattern name;

    /**
     * @param parent where the directories go (keep it short for the real daemons: slurmd's socket paths under a
     *               lab's spool directory may not exceed 107 bytes)
     * @param prefix letters, digits and {@code -}, e.g. {@code esrs} or {@code elastic-lab-sim}
     */
    public ScratchDirectories(Path parent, String prefix) {
        if (!prefix.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("scratch prefix must be letters, digits or '-': '" + prefix + "'");
        }
        this.parent = parent.toAbsolutePath();
        this.prefix = prefix;
        this.name = Pattern.compile(Pattern.quote(prefix) + "-(\\d+)-\\d+");
    }

    /** Creates a new directory {@code PREFIX-PID-N} owned by this process. */
    public Path create() {
        long pid = ProcessHandle.current().pid();
        try {
            Files.createDirectories(parent);
            for (int n = 1; ; n++) {
                try {
                    return Files.createDirectory(parent.resolve(prefix + "-" + pid + "-" + n));
                } catch (FileAlreadyExistsException e) {
                    // taken by an earlier run of this process: the next number
                }
            }
        } catch (IOException e) {
            throw new TargetException("cannot create a scratch directory in " + parent + ": " + e.getMessage(), e);
        }
    }

    /** The PID that owns a directory of this kind, or empty when the name is not one of them. */
    public OptionalLong owner(Path dir) {
        Matcher m = name.matcher(dir.getFileName().toString());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * Removes the directories of this kind whose owning process is not alive: first
     * {@code stopProcesses.accept(dir)} (ends what the run left running, by PID), then the directory.
     *
     * @return the directories removed
     */
    public List<Path> sweep(Consumer<Path> stopProcesses) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                OptionalLong pid = owner(dir);
                if (pid.isPresent() && Files.isDirectory(dir) && ProcessHandle.of(pid.getAsLong()).isEmpty()) {
                    stopProcesses.accept(dir);
                    delete(dir);
                    removed.add(dir);
                }
            }
        } catch (IOException e) {
            throw new TargetException("cannot list " + parent + " for scratch directories left by ended runs", e);
        }
        return removed;
    }

    /** Deletes a directory and everything in it (nothing when it does not exist). */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the scratch directory " + dir, e);
        }
    }
}
