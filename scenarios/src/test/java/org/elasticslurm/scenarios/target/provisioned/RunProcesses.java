package org.elasticslurm.scenarios.target.provisioned;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a live process belongs to a run: its command line, working directory or environment name the run's directory. */
final class RunProcesses {

    private RunProcesses() {
    }

    /** True when process {@code pid} names {@code dir}; false when it names it nowhere or has ended. */
    static boolean names(long pid, Path dir) {
        Path proc = Path.of("/proc", Long.toString(pid));
        String wanted = dir.toAbsolutePath().toString();
        try {
            if (Files.readSymbolicLink(proc.resolve("cwd")).toString().startsWith(wanted)) {
                return true;
            }
        } catch (IOException e) {
            // ended meanwhile, or no access: the command line and environment still tell
        }
        return contains(proc.resolve("cmdline"), wanted) || contains(proc.resolve("environ"), wanted);
    }

    private static boolean contains(Path file, String wanted) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(wanted);
        } catch (IOException e) {
            return false;
        }
    }
}
