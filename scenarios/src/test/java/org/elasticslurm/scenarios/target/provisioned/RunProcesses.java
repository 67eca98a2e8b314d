package org.elasticslurm.scenarios.target.provisioned;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a live process belongs to a run: its command line, working directory or environment name the run's
 * directory, or a path inside it (a directory whose name merely begins with the run's, such as another test's
 * {@code /tmp/junit1234} for {@code /tmp/junit123}, is not the run's).
 */
final class RunProcesses {

    private RunProcesses() {
    }

    /** True when process {@code pid} names {@code dir}; false when it names it nowhere or has ended. */
    static boolean names(long pid, Path dir) {
        Path proc = Path.of("/proc", Long.toString(pid));
        String wanted = dir.toAbsolutePath().toString();
        try {
            if (namesPath(Files.readSymbolicLink(proc.resolve("cwd")).toString(), wanted)) {
                return true;
            }
        } catch (IOException e) {
            // ended meanwhile, or no access: the command line and environment still tell
        }
        return contains(proc.resolve("cmdline"), wanted) || contains(proc.resolve("environ"), wanted);
    }

    /** Whether {@code text} names the directory {@code wanted} or a path inside it. */
    static boolean namesPath(String text, String wanted) {
        for (int at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
            int end = at + wanted.length();
            if (end == text.length() || !continuesName(text.charAt(end))) {
                return true;
            }
        }
        return false;
    }

    /** A character that makes the text name another file than {@code wanted} (its name goes on). */
    private static boolean continuesName(char c) {
        return c != '/' && c != '\0' && c != ':' && c != '=' && c != ',' && c != ';' && c != '"' && c != '\''
                && !Character.isWhitespace(c);
    }

    private static boolean contains(Path file, String wanted) {
        try {
            return namesPath(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), wanted);
        } catch (IOException e) {
            return false;
        }
    }
}
