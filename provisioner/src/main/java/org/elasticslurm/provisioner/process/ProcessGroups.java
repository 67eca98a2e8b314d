package org.elasticslurm.provisioner.process;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Signals to whole process groups (libc {@code kill(-pgid, sig)}), which the JDK's Process API lacks. */
final class ProcessGroups {
    static final int SIGKILL = 9;
    static final int SIGTERM = 15;

    private interface CLibrary extends Library {
        int kill(int pid, int signal);
    }

    private final CLibrary libc = Native.load("c", CLibrary.class);

    /** Sends {@code signal} to every process of group {@code pgid}; false when the group has no process left. */
    boolean signal(long pgid, int signal) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("refusing to signal process group " + pgid);
        }
        return libc.kill((int) -pgid, signal) == 0;
    }

    /** The live (not zombie) processes of group {@code pgid}, read from /proc. */
    List<Long> liveMembers(long pgid) {
        List<Long> members = new ArrayList<>();
        if (!signal(pgid, 0)) {
            return members; // no process at all in the group: spare the /proc scan
        }
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) entries::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the process ended while we looked (ENOENT, ESRCH)
                }
                // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses
                String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (!rest[0].equals("Z") && Long.parseLong(rest[2]) == pgid) {
                    members.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc", e);
        }
        return members;
    }
}
