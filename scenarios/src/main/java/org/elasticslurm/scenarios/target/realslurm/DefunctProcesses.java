package org.elasticslurm.scenarios.target.realslurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds {@code <defunct>} (zombie) processes whose parent is one of a lab's processes, by reading
 * {@code /proc/PID/stat}. A hook that has just exited is a zombie of slurmctld until slurmctld reaps it a moment
 * later: children of slurmctld itself are not counted.
 */
final class DefunctProcesses {

    private final Path proc;

    /** @param proc the proc file system ({@code /proc}) */
    DefunctProcesses(Path proc) {
        this.proc = proc;
    }

    /** {@code pid command} of every zombie whose parent is in {@code parents}. */
    List<String> childrenOf(Collection<Long> parents) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // ended meanwhile
                }
                // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split at the last ')'
                int close = stat.lastIndexOf(')');
                String[] rest = stat.substring(close + 2).split(" ");
                long parent = Long.parseLong(rest[1]);
                if (rest[0].equals("Z") && parents.contains(parent) && !isSlurmctld(parent)) {
                    out.add(name + " " + stat.substring(stat.indexOf('(') + 1, close) + " <defunct>");
                }
            }
        } catch (IOException e) {
            throw new org.elasticslurm.scenarios.target.TargetException("cannot list " + proc
                    + " to look for defunct processes", e);
        }
        return out;
    }

    private boolean isSlurmctld(long pid) {
        try {
            Path exe = Files.readSymbolicLink(proc.resolve(Long.toString(pid)).resolve("exe"));
            // Debian installs it as slurmctld-wlm behind an alternatives link
            return exe.getFileName() != null && exe.getFileName().toString().startsWith("slurmctld");
        } catch (IOException e) {
            return false; // ended meanwhile, or not ours to read
        }
    }
}
