package org.elasticslurm.fake.server;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.elasticslurm.fake.controller.LogLevel;

/** The file of {@code --state-feed}: lines appended and flushed one by one, so a reader tailing it sees each at once. */
final class StateFeedFile implements Consumer<String>, AutoCloseable {

    private final Path file;
    private final BufferedWriter out;
    private final DaemonLog log;
    private boolean failed;

    /** @throws UncheckedIOException if the file cannot be opened for appending */
    StateFeedFile(Path file, DaemonLog log) {
        this.file = file;
        this.log = log;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the state feed " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void accept(String line) {
        if (failed) {
            return;
        }
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            failed = true;
            log.log(LogLevel.ERROR, "cannot write the state feed " + file + ", no more lines are written: "
                    + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            log.log(LogLevel.ERROR, "cannot close the state feed " + file + ": " + e.getMessage());
        }
    }
}
