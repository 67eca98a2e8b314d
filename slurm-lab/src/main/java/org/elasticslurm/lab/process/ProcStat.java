package org.elasticslurm.lab.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fields of {@code /proc/PID/stat} the lab needs: the one reader of that file.
 *
 * @param pid the process ID
 * @param command the command name ({@code comm}, without the parentheses; may hold spaces and parentheses)
 * @param state the state letter ({@code R}, {@code S}, {@code Z} ...)
 * @param parentPid the parent's process ID
 * @param processGroup the process group ID
 */
public record ProcStat(long pid, String command, char state, long parentPid, long processGroup) {

    /** The proc file system of this machine. */
    public static final Path PROC = Path.of("/proc");

    /**
     * Parses one stat line, {@code pid (comm) state ppid pgrp ...}: {@code comm} may hold spaces and parentheses,
     * so the fields after it are counted from the last {@code ')'}.
     *
     * @throws IllegalArgumentException if the line is not of that form
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > line.length()) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: '" + line.strip() + "'");
        }
        String[] rest = line.substring(close + 2).split(" ");
        try {
            return new ProcStat(Long.parseLong(line.substring(0, open).strip()), line.substring(open + 1, close),
                    rest[0].charAt(0), Long.parseLong(rest[1]), Long.parseLong(rest[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: '" + line.strip() + "'", e);
        }
    }

    /** The process {@code pid} under {@code proc}, or empty when it is gone (or its entry cannot be read). */
    public static Optional<ProcStat> read(Path proc, long pid) {
        try {
            return Optional.of(parse(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"),
                    StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException gone) {
            return Optional.empty();
        }
    }

    /**
     * Every process under {@code proc} (processes that end while it is read are left out).
     *
     * @throws LabException if {@code proc} cannot be listed
     */
    public static List<ProcStat> all(Path proc) {
        List<ProcStat> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    read(proc, Long.parseLong(name)).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot list " + proc + " to read its processes", e);
        }
        return out;
    }
}
