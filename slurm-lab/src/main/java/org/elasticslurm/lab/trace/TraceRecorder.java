package org.elasticslurm.lab.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Appends trace lines to the lab's trace file, which the hook programs append to as well (each line is one
 * {@code O_APPEND} write). Times are tenths of a second since {@link #start()}, rounded down, from the injected
 * clock; the hook programs read the same start instant from the start file and use the same rounding.
 */
public final class TraceRecorder {

    private final Path traceFile;
    private final Path startFile;
    private final Clock clock;
    private final LabText text;
    private volatile Instant start;

    public TraceRecorder(Path traceFile, Path startFile, Clock clock, LabText text) {
        this.traceFile = traceFile;
        this.startFile = startFile;
        this.clock = clock;
        this.text = text;
    }

    /** Sets time zero to now, publishes it to the hooks (epoch microseconds in the start file), writes {@code start}. */
    public void start() {
        Instant now = clock.instant();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        try {
            Files.writeString(startFile, micros + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + startFile, e);
        }
        start = now;
        record("start", "");
    }

    /** Tenths of a second since the start (0 before it). */
    public long elapsedTenths() {
        Instant s = start;
        if (s == null) {
            return 0;
        }
        long micros = ChronoUnit.MICROS.between(s, clock.instant());
        return Math.max(0, micros / 100_000);
    }

    /** Tenths of a second from the start to {@code instant}, rounded down (0 before the start, or if not started). */
    public long tenthsAt(Instant instant) {
        Instant s = start;
        if (s == null) {
            return 0;
        }
        return Math.max(0, ChronoUnit.MICROS.between(s, instant) / 100_000);
    }

    /** Time from the start to {@code instant} (negative before the start; zero if not started). */
    public Duration elapsedAt(Instant instant) {
        Instant s = start;
        return s == null ? Duration.ZERO : Duration.between(s, instant);
    }

    /** Time since the start. */
    public Duration elapsed() {
        Instant s = start;
        return s == null ? Duration.ZERO : Duration.between(s, clock.instant());
    }

    /** Appends one line at the current time; the text is normalized ({@link LabText}). */
    public void record(String kind, String rawText) {
        recordAt(elapsedTenths(), kind, rawText);
    }

    /** Appends one line with a given time (e.g. when a sample was taken); the text is normalized. */
    public synchronized void recordAt(long tenths, String kind, String rawText) {
        TraceLine line = new TraceLine(tenths, kind, text.normalize(rawText).strip());
        try {
            Files.writeString(traceFile, line.format() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to trace " + traceFile, e);
        }
    }

    /** Everything recorded so far (by this recorder and the hooks), sorted by time. */
    public synchronized Trace snapshot() {
        return Files.exists(traceFile) ? Trace.read(traceFile).sortedByTime() : new Trace(List.of());
    }

    public Path traceFile() {
        return traceFile;
    }
}
