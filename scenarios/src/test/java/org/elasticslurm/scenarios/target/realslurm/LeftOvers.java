package org.elasticslurm.scenarios.target.realslurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.elasticslurm.lab.process.LabProcesses;

/**
 * What one test's real-slurm and fake-realtime runs may leave behind: live processes marked as belonging to a lab
 * under the test's own parent directory ({@code /tmp/esit-PID-N}), scratch directories in it. Each test has its
 * own parent, so tests that run at the same time never see each other's labs. (Short: slurmd's socket paths in
 * the lab's spool may not exceed 107 bytes.)
 */
final class LeftOvers {

    private static final AtomicInteger TESTS = new AtomicInteger();

    private final Path parent;

    private LeftOvers(Path parent) {
        this.parent = parent;
    }

    /** A new parent directory for one test's runs: {@code /tmp/esit-PID-N} (made when a run needs it). */
    static LeftOvers ofOneTest() {
        return new LeftOvers(Path.of("/tmp/esit-" + ProcessHandle.current().pid() + "-" + TESTS.incrementAndGet()));
    }

    /** Where this test's runs put their scratch directories. */
    Path parent() {
        return parent;
    }

    /** The target as the tests use it: Debian's slurm-wlm, scratch directories under {@link #parent()}. */
    RealSlurmTarget target() {
        return new RealSlurmTarget(SlurmBinaries.debian(), parent, java.time.Clock.systemUTC());
    }

    /** The fake-realtime target as the tests use it: the checkout's drop-ins, scratch directories under {@link #parent()}. */
    RealSlurmTarget fakeTarget() {
        return new RealSlurmTarget(SlurmBinaries.fakeDropIns(), parent, java.time.Clock.systemUTC());
    }

    /** {@code pid cmdline} of live processes marked as belonging to a lab under {@link #parent()}. */
    List<String> labProcesses() {
        return labProcesses(parent);
    }

    /** Removes the (empty) parent directory. */
    void removeParent() throws IOException {
        Files.deleteIfExists(parent);
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

    /** Scratch directories of this test's runs under {@link #parent()}. */
    List<Path> scratchDirectories() {
        if (!Files.exists(parent)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(parent)) {
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
