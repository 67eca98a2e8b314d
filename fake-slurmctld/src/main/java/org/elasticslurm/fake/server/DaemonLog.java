package org.elasticslurm.fake.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.elasticslurm.fake.controller.LogLevel;
import org.elasticslurm.fake.controller.LogRecord;
import org.elasticslurm.fake.controller.LogSink;
import org.elasticslurm.fake.controller.SlurmLogFormat;

/**
 * A daemon's log as slurmctld and slurmd write theirs: log-file lines {@code [2026-11-28T16:06:31.703] text},
 * and in the foreground ({@code -D}) a copy of each line on stderr as {@code slurmctld: text}. Lines come from
 * several threads; writes are serialized.
 */
public final class DaemonLog implements LogSink, AutoCloseable {

    private final Optional<Writer> file;
    private final Optional<PrintStream> console;
    private final SlurmLogFormat format;
    private final Clock clock;
    private final String daemon;
    private volatile LogLevel level;

    /**
     * @param daemon  the daemon's name, the prefix of the console copy ({@code slurmctld}, {@code slurmd})
     * @param logFile the log file, if set (appended to; its directory must exist)
     * @param console stderr in the foreground
     * @param level   the debug level (SlurmctldDebug, SlurmdDebug) for the daemon's own lines
     * @param clock   the wall clock, for the daemon's own lines
     * @throws UncheckedIOException when the log file cannot be opened
     */
    public DaemonLog(String daemon, Optional<Path> logFile, Optional<PrintStream> console, LogLevel level,
                     Clock clock) {
        this.daemon = daemon;
        this.format = new SlurmLogFormat(ZoneId.systemDefault());
        this.console = console;
        this.level = level;
        this.clock = clock;
        try {
            this.file = logFile.isPresent()
                    ? Optional.of(Files.newBufferedWriter(logFile.get(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open log file " + logFile.get(), e);
        }
    }

    /** Applies a new debug level (after a reconfigure). */
    public void level(LogLevel newLevel) {
        this.level = newLevel;
    }

    @Override
    public synchronized void accept(LogRecord record) {
        if (file.isPresent()) {
            try {
                Writer w = file.get();
                w.write(format.format(record));
                w.write('\n');
                w.flush();
            } catch (IOException e) {
                console.ifPresent(c -> c.println(daemon + ": error: cannot write the log file: " + e.getMessage()));
            }
        }
        console.ifPresent(c -> {
            c.println(daemon + ": " + record.line());
            c.flush();
        });
    }

    /** A line of the daemon itself (not of the controller model), if the debug level lets it through. */
    public void log(LogLevel at, String text) {
        if (level.allows(at)) {
            accept(new LogRecord(clock.instant(), at, at.prefix() + text));
        }
    }

    @Override
    public synchronized void close() {
        if (file.isPresent()) {
            try {
                file.get().close();
            } catch (IOException e) {
                console.ifPresent(c -> c.println(daemon + ": error: cannot close the log file: " + e.getMessage()));
            }
        }
    }
}
