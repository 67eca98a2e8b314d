package org.elasticslurm.conf.scontrol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of {@code scontrol show node} and {@code scontrol show job}, multi-line (records separated by
 * blank lines, continued on indented lines) or one line per record ({@code -o}). A record begins at its first key
 * ({@code NodeName=}, {@code JobId=}); a word that is not {@code Key=...} continues the value before it; a node's
 * {@code Reason=} runs to the end of its line. Text outside records ("No nodes in the system") is no record.
 */
public final class ScontrolShow {

    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_/:]*)=");
    private static final Set<String> TO_LINE_END = Set.of("Reason");

    private ScontrolShow() {
    }

    /** The nodes of {@code scontrol show node [-o]} output, in printed order. */
    public static List<ShownNode> nodes(String output) {
        return records(output, "NodeName", TO_LINE_END).stream().map(ShownNode::new).toList();
    }

    /** The jobs of {@code scontrol show job [-o]} output, in printed order. */
    public static List<ShownJob> jobs(String output) {
        return records(output, "JobId", Set.of()).stream().map(ShownJob::new).toList();
    }

    /** The records of the output that begin with {@code Key=}. */
    public static List<ScontrolRecord> records(String output, String firstKey) {
        return records(output, firstKey, Set.of());
    }

    private static List<ScontrolRecord> records(String output, String firstKey, Set<String> toLineEnd) {
        List<Map<String, String>> records = new ArrayList<>();
        Map<String, String> current = null;
        String key = null;
        int valueStart = 0;
        int valueEnd = 0;
        Matcher words = WORD.matcher(output);
        while (words.find()) {
            Matcher k = KEY.matcher(words.group());
            if (k.lookingAt() && !(key != null && toLineEnd.contains(key) && sameLine(output, valueEnd, words.start()))) {
                if (key != null) {
                    current.put(key, output.substring(valueStart, valueEnd));
                }
                if (k.group(1).equals(firstKey)) {
                    current = new LinkedHashMap<>();
                    records.add(current);
                }
                key = current == null ? null : k.group(1);
                valueStart = words.start() + k.end();
                valueEnd = words.end();
            } else if (key != null) {
                valueEnd = words.end();
            }
        }
        if (key != null) {
            current.put(key, output.substring(valueStart, valueEnd));
        }
        return records.stream().map(ScontrolRecord::new).toList();
    }

    private static boolean sameLine(String text, int from, int to) {
        int newline = text.indexOf('\n', from);
        return newline < 0 || newline > to;
    }
}
