package org.elasticslurm.fake.slurmd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What slurmd finds out about its machine from /proc, as the real one does: boot time, memory, load, host name,
 * architecture and kernel.
 */
final class MachineFacts {

    private final Path proc;

    /** @param proc the proc file system (normally {@code /proc}) */
    MachineFacts(Path proc) {
        this.proc = proc;
    }

    /** When the machine booted, seconds since the epoch ({@code btime} of /proc/stat). */
    long bootTime() {
        for (String line : read("stat").split("\n")) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).strip());
            }
        }
        throw new IllegalStateException(proc.resolve("stat") + " has no btime line");
    }

    /** MemTotal in MB. */
    long memoryMb() {
        return meminfo("MemTotal").orElseThrow(() -> new IllegalStateException(proc.resolve("meminfo")
                + " has no MemTotal")) / 1024;
    }

    /** MemAvailable (else MemFree) in MB. */
    long freeMemoryMb() {
        return meminfo("MemAvailable").or(() -> meminfo("MemFree")).orElse(0L) / 1024;
    }

    /** The 1-minute load average x 100. */
    long cpuLoad() {
        String first = read("loadavg").strip().split("\\s+")[0];
        return Math.round(Double.parseDouble(first) * 100);
    }

    /** The short host name. */
    String hostName() {
        String name = read("sys/kernel/hostname").strip();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** {@code uname -m}. */
    String arch() {
        if (Files.isReadable(proc.resolve("sys/kernel/arch"))) {
            return read("sys/kernel/arch").strip();
        }
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }

    /** {@code uname -s -r -v}, as slurmd reports OS=. */
    String os() {
        return "Linux " + read("sys/kernel/osrelease").strip() + " " + read("sys/kernel/version").strip();
    }

    private Optional<Long> meminfo(String key) {
        for (String line : read("meminfo").split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).strip().split("\\s+");
                return Optional.of(Long.parseLong(parts[0]));
            }
        }
        return Optional.empty();
    }

    private String read(String name) {
        try {
            return Files.readString(proc.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + proc.resolve(name), e);
        }
    }
}
