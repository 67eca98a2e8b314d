package org.elasticslurm.provisioner.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where the hook clients say what happened: one line per event appended to the log file (slurmctld discards
 * its hooks' output), errors also to stderr (which is /dev/null when slurmctld closed it).
 */
final class HookLog {
    private final Path file;
    private final PrintStream err;
    private final String secret;

    HookLog(Path file, PrintStream err) {
        this(file, err, null);
    }

    /** A log that writes {@code [token]} wherever a message holds {@code secret} (e.g. echoed by a server). */
    HookLog(Path file, PrintStream err, String secret) {
        this.file = file;
        this.err = err;
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    void info(String message) {
        append("info", message);
    }

    void error(String text) {
        String message = redact(text);
        err.println(message);
        err.flush();
        append("error", message);
    }

    private String redact(String message) {
        return secret == null ? message : message.replace(secret, "[token]");
    }

    private void append(String level, String text) {
        if (file == null) {
            return;
        }
        String line = Instant.now() + " " + level + " pid " + ProcessHandle.current().pid() + " " + redact(text) + "\n";
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("cannot append to " + file + ": " + e.getMessage());
        }
    }
}
