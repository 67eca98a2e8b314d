package org.elasticslurm.lab.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller's log file ({@code SlurmctldLogFile}) as scenario steps see it: lines without the
 * {@code [timestamp] } prefix, each handed out at most once so that a later step records only new lines.
 *
 * <p>Each complete line also carries the time it was first seen ({@link #observe}), so that lines a step could not
 * take yet can be recorded later at the time they appeared ({@link #take}). The daemon writes the lines of
 * one event one after another: a step that reads the file between two of them sees only the first.
 *
 * <p>Each line also keeps the time the daemon wrote into its prefix ({@link #takeLogged}): the controller's local
 * time to the millisecond ({@code LogTimeFormat=iso8601_ms}, Slurm's default), which dates an event exactly however
 * late the file is read.
 */
public final class SlurmctldLog {

    private static final Pattern PREFIX = Pattern.compile("^\\[([^\\]]*)\\] ");

    /** A log line and when it was first seen, in tenths of a second of the lab's clock. */
    public record SeenLine(long seenTenths, String text) {
    }

    /**
     * A log line, when it was first seen (tenths of the lab's clock) and the time in its prefix (the controller's
     * local time; empty for a line without a prefix in the ISO 8601 form).
     */
    public record LoggedLine(long seenTenths, Optional<LocalDateTime> logged, String text) {
    }

    private final Path file;
    /** Complete lines read so far (prefix removed), with the time each was first seen. */
    private final List<LoggedLine> lines = new ArrayList<>();
    private final Set<Integer> taken = new HashSet<>();
    private long offset;

    public SlurmctldLog(Path file) {
        this.file = file;
    }

    /** Reads the file and notes {@code nowTenths} as the time every complete line not seen before appeared. */
    public synchronized void observe(long nowTenths) {
        read(nowTenths);
    }

    /**
     * Lines matching {@code pattern} (searched, not fully matched) not handed out before, in log order, each with the
     * time it was first seen; lines read for the first time now are noted as seen at {@code nowTenths}.
     */
    public synchronized List<SeenLine> take(Pattern pattern, long nowTenths) {
        return takeLogged(pattern, nowTenths).stream().map(l -> new SeenLine(l.seenTenths(), l.text())).toList();
    }

    /** As {@link #take}, each line with the time in its prefix. */
    public synchronized List<LoggedLine> takeLogged(Pattern pattern, long nowTenths) {
        read(nowTenths);
        List<LoggedLine> matches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!taken.contains(i) && pattern.matcher(lines.get(i).text()).find()) {
                taken.add(i);
                matches.add(lines.get(i));
            }
        }
        return matches;
    }

    /** The line without its prefix, with the prefix's time if it has one. */
    static LoggedLine parse(long seenTenths, String line) {
        Matcher prefix = PREFIX.matcher(line);
        if (!prefix.find()) {
            return new LoggedLine(seenTenths, Optional.empty(), line);
        }
        Optional<LocalDateTime> logged;
        try {
            logged = Optional.of(LocalDateTime.parse(prefix.group(1)));
        } catch (DateTimeParseException e) {
            logged = Optional.empty();
        }
        return new LoggedLine(seenTenths, logged, line.substring(prefix.end()));
    }

    /** Reads the complete lines appended since the last read (a line still being written waits for the next). */
    private void read(long nowTenths) {
        if (!Files.exists(file)) {
            return;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size <= offset) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - offset));
            channel.position(offset);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read up to the size seen above
            }
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < buffer.position(); i++) {
                if (bytes[i] == '\n') {
                    String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                    lines.add(parse(nowTenths, line));
                    start = i + 1;
                }
            }
            offset += start;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
