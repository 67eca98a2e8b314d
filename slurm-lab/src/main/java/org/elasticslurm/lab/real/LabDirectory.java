package org.elasticslurm.lab.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.lab.process.LabException;

/** A lab's directory on this machine: created, read and deleted; and the machine's short host name. */
final class LabDirectory {

    private LabDirectory() {
    }

    /** A new directory {@code esld-*} under {@code parent} (created if missing). */
    static Path create(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "esld-").toAbsolutePath();
        } catch (IOException e) {
            throw new LabException("cannot create a lab directory in " + parent, e);
        }
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete lab directory " + dir, e);
        }
    }

    /** The lines of {@code file}, none when it does not exist. */
    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** This machine's host name up to the first dot (slurm.conf's {@code $HOST}). */
    static String shortHostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).strip();
            int dot = name.indexOf('.');
            return dot < 0 ? name : name.substring(0, dot);
        } catch (IOException e) {
            throw new LabException("cannot read this machine's host name from /proc/sys/kernel/hostname", e);
        }
    }
}
