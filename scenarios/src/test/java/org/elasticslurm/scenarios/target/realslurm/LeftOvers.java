package org.elasticslurm.scenarios.target.realslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.lab.process.LabProcesses;

/**
 * What this test JVM's real-slurm and fake-realtime runs may leave behind: live processes marked as belonging to a lab under
 * {@link #PARENT}, scratch directories in it. (Short: slurmd's socket paths in the lab's spool may not exceed 107
 * bytes.)
 */
final class LeftOvers {

    /** Where this JVM's real-slurm tests put their scratch directories. */
    static final Path PARENT = Path.of("/tmp/esit-" + ProcessHandle.current().pid());

    private LeftOvers() {
    }

    /** The target as the tests use it: Debian's slurm-wlm, scratch directories under {@link #PARENT}. */
    static RealSlurmTarget target() {
        return new RealSlurmTarget(SlurmBinaries.debian(), PARENT, java.time.Clock.systemUTC());
    }

    /** The fake-realtime target as the tests use it: the checkout's drop-ins, scratch directories under {@link #PARENT}. */
    static RealSlurmTarget fakeTarget() {
        return new RealSlurmTarget(SlurmBinaries.fakeDropIns(), PARENT, java.time.Clock.systemUTC());
    }

    /** {@code pid cmdline} of live processes marked as belonging to a lab under {@link #PARENT}. */
    static List<String> labProcesses() {
        return labProcesses(PARENT);
    }

    /** {@code pid cmdline} of live processes marked as belonging to a lab under {@code parent}. */
    static List<String> labProcesses(Path parent) {
        byte[] marker = (LabProcesses.MARKER + "=" + parent + "/").getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    byte[] env = Files.readAllBytes(entry.resolve("environ"));
                    String status = Files.readString(entry.resolve("status"));
                    if (contains(env, marker) && !status.contains("State:\tZ")) {
                        out.add(name + " " + new String(Files.readAllBytes(entry.resolve("cmdline")),
                                StandardCharsets.UTF_8).replace('\0', ' ').strip());
                    }
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Scratch directories of real-slurm runs under {@link #PARENT}. */
    static List<Path> scratchDirectories() {
        if (!Files.exists(PARENT)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(PARENT)) {
            return entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
