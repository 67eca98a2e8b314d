package org.elasticslurm.scenarios.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line of each plain {@code Key=Value} in a slurm.conf (the last one, as the last one wins), so findings
 * about a key can point at it. Only the main file is read; a key set in an included file is reported without a
 * line.
 */
public final class ParameterLines {
    private static final Pattern KEY = Pattern.compile("(?:^|[ \\t])([A-Za-z][A-Za-z0-9_]*)[ \\t]*=");
    private final Map<String, Integer> lines;

    private ParameterLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** Reads the main file. */
    public static ParameterLines of(Path file) {
        try {
            return of(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads lines of text. */
    public static ParameterLines of(List<String> text) {
        Map<String, Integer> lines = new HashMap<>();
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            int hash = line.indexOf('#');
            String content = hash >= 0 ? line.substring(0, hash) : line;
            String trimmed = content.stripLeading().toLowerCase(Locale.ROOT);
            if (trimmed.startsWith("nodename") || trimmed.startsWith("partitionname")
                    || trimmed.startsWith("nodeset") || trimmed.startsWith("downnodes")) {
                continue;
            }
            Matcher m = KEY.matcher(content);
            while (m.find()) {
                lines.put(m.group(1).toLowerCase(Locale.ROOT), i + 1);
            }
        }
        return new ParameterLines(lines);
    }

    /** The 1-based line where the key is set, or 0 when it is not set in the main file. */
    public int lineOf(String key) {
        return lines.getOrDefault(key.toLowerCase(Locale.ROOT), 0);
    }
}
