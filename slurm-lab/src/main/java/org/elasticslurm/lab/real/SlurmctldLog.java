package org.elasticslurm.lab.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The controller's log file ({@code SlurmctldLogFile}) as scenario steps see it: lines without the
 * {@code [timestamp] } prefix, each handed out at most once so that a later step records only new lines.
 */
public final class SlurmctldLog {

    private static final Pattern PREFIX = Pattern.compile("^\\[[^\\]]*\\] ");

    private final Path file;
    private final Set<Integer> taken = new HashSet<>();

    public SlurmctldLog(Path file) {
        this.file = file;
    }

    /** Lines matching {@code pattern} (searched, not fully matched) not handed out before, in log order. */
    public synchronized List<String> takeMatching(Pattern pattern) {
        List<String> lines = read();
        List<String> matches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = PREFIX.matcher(lines.get(i)).replaceFirst("");
            if (!taken.contains(i) && pattern.matcher(line).find()) {
                taken.add(i);
                matches.add(line);
            }
        }
        return matches;
    }

    private List<String> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            lines.remove(lines.size() - 1); // "" after the final newline, or a line still being written
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
