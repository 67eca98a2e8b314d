package org.elasticslurm.lab.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The controller's log file ({@code SlurmctldLogFile}) as scenario steps see it: lines without the
 * {@code [timestamp] } prefix, each handed out at most once so that a later step records only new lines.
 *
 * <p>Each complete line also carries the time it was first seen ({@link #observe}), so that lines a step could not
 * take yet can be recorded later at the time they appeared ({@link #take}). The daemon writes the lines of
 * one event one after another: a step that reads the file between two of them sees only the first.
 */
public final class SlurmctldLog {

    private static final Pattern PREFIX = Pattern.compile("^\\[[^\\]]*\\] ");

    /** A log line and when it was first seen, in tenths of a second of the lab's clock. */
    public record SeenLine(long seenTenths, String text) {
    }

    private final Path file;
    private final Set<Integer> taken = new HashSet<>();
    private final Map<Integer, Long> seen = new HashMap<>();

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
        List<String> lines = read(nowTenths);
        List<SeenLine> matches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = PREFIX.matcher(lines.get(i)).replaceFirst("");
            if (!taken.contains(i) && pattern.matcher(line).find()) {
                taken.add(i);
                matches.add(new SeenLine(seen.get(i), line));
            }
        }
        return matches;
    }

    private List<String> read(long nowTenths) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            lines.remove(lines.size() - 1); // "" after the final newline, or a line still being written
            for (int i = 0; i < lines.size(); i++) {
                seen.putIfAbsent(i, nowTenths);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
