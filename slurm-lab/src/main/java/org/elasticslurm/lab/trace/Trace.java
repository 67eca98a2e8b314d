package org.elasticslurm.lab.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recorded run: lines {@code <seconds> <kind> <text>} in time order (see
 * {@code src/test/differential/README.md} for the kinds). Immutable.
 */
public final class Trace {

    private static final Pattern LINE = Pattern.compile("(\\d+)\\.(\\d) (\\S+)(?: (.*))?");

    private final List<TraceLine> lines;

    public Trace(List<TraceLine> lines) {
        this.lines = List.copyOf(lines);
    }

    /**
     * Parses trace text. Blank lines are skipped; any other line that is not {@code <seconds> <kind> [text]} with
     * one decimal is refused, naming its line number.
     */
    public static Trace parse(String text) {
        List<TraceLine> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("trace line " + (i + 1) + " is not '<seconds with one decimal> <kind> <text>': '"
                        + line + "'");
            }
            long tenths = Long.parseLong(m.group(1)) * 10 + Long.parseLong(m.group(2));
            lines.add(new TraceLine(tenths, m.group(3), m.group(4) == null ? "" : m.group(4)));
        }
        return new Trace(lines);
    }

    /** Reads and parses a trace file. */
    public static Trace read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The same lines, stably sorted by time (lines written by several processes arrive slightly out of order). */
    public Trace sortedByTime() {
        List<TraceLine> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingLong(TraceLine::tenths));
        return new Trace(sorted);
    }

    public List<TraceLine> lines() {
        return lines;
    }

    /** Lines of one kind, in order. */
    public List<TraceLine> ofKind(String kind) {
        return lines.stream().filter(l -> l.kind().equals(kind)).toList();
    }

    /** Lines of one kind whose subject (first word) is the given one, in order. */
    public List<TraceLine> ofKind(String kind, String subject) {
        return lines.stream().filter(l -> l.kind().equals(kind) && l.subject().equals(subject)).toList();
    }

    /** The distinct subjects of one kind, in order of first appearance. */
    public Set<String> subjects(String kind) {
        Set<String> subjects = new LinkedHashSet<>();
        ofKind(kind).forEach(l -> subjects.add(l.subject()));
        return subjects;
    }

    /** Time of the last line, in tenths (0 for an empty trace). */
    public long endTenths() {
        return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).tenths();
    }

    /** The trace as file text, one line each, with a final newline. */
    public String format() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l.format()).append('\n'));
        return out.toString();
    }

    /** Writes the trace to a file, creating parent directories. */
    public void write(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, format(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + file, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Trace t && t.lines.equals(lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }

    @Override
    public String toString() {
        return format();
    }
}
