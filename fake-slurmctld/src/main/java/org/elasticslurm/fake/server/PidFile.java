package org.elasticslurm.fake.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A daemon's pid file (SlurmctldPidFile, SlurmdPidFile): this process's id and a newline. */
public final class PidFile implements AutoCloseable {

    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    /** Writes this process's pid to the file (its directory must exist). */
    public static PidFile create(Path path) {
        try {
            Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + path, e);
        }
        return new PidFile(path);
    }

    /** Removes the file if it still names this process. */
    @Override
    public void close() {
        try {
            if (Files.exists(path) && Files.readString(path, StandardCharsets.US_ASCII).strip()
                    .equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove pid file " + path, e);
        }
    }
}
