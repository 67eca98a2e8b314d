package org.elasticslurm.fake.hook;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the processes of this machine, from /proc/[pid]/stat: fake-slurmctld's one reader of that file (its
 * commands' own session comes from {@link #self()}).
 */
public final class ProcessTable {

    /**
     * One process.
     *
     * @param pid process id
     * @param comm command name
     * @param state state letter (R, S, D, Z ...)
     * @param ppid parent
     * @param pgrp process group
     * @param session session id
     */
    public record Proc(long pid, String comm, char state, long ppid, long pgrp, long session) {
        boolean isZombie() {
            return state == 'Z';
        }
    }

    private final Map<Long, Proc> processes;

    private ProcessTable(Map<Long, Proc> processes) {
        this.processes = processes;
    }

    /** Reads /proc now; empty when /proc is not available. */
    static ProcessTable read() {
        Map<Long, Proc> all = new HashMap<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return new ProcessTable(all);
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                parse(dir.resolve("stat")).ifPresent(p -> all.put(p.pid, p));
            }
        } catch (IOException e) {
            return new ProcessTable(all);
        }
        return new ProcessTable(all);
    }

    /** This process, from /proc/self/stat; empty if that cannot be read. */
    public static Optional<Proc> self() {
        return parse(Path.of("/proc/self/stat"));
    }

    Optional<Proc> get(long pid) {
        return Optional.ofNullable(processes.get(pid));
    }

    Iterable<Proc> all() {
        return processes.values();
    }

    /** Parses {@code pid (comm) state ppid pgrp session ...}; comm may hold spaces and parentheses. */
    static Optional<Proc> parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= line.length()) {
            return Optional.empty();
        }
        String[] rest = line.substring(close + 2).split(" ");
        if (rest.length < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Proc(Long.parseLong(line.substring(0, open).trim()),
                    line.substring(open + 1, close), rest[0].charAt(0), Long.parseLong(rest[1]),
                    Long.parseLong(rest[2]), Long.parseLong(rest[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Proc> parse(Path stat) {
        try {
            return parseStat(Files.readString(stat));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
