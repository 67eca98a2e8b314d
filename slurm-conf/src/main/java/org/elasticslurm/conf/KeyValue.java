package org.elasticslurm.conf;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Key=Value} pair found at the start of a text, with slurmctld 22.05's pattern (parse_config.c
 * {@code keyvalue_pattern}): a key of letters, digits, {@code _} and {@code .}; optional white space around
 * {@code =} (an operator {@code + - * /} before it is accepted and ignored); a value that is either quoted
 * (may hold white space) or runs to the next white space; the value must be followed by white space or the end.
 *
 * @param key the key as written
 * @param value the value without quotes
 * @param end the index just after the value in the scanned text
 */
record KeyValue(String key, String value, int end) {

    private static final Pattern PAIR = Pattern.compile(
            "[ \\t\\n\\x0B\\f\\r]*([A-Za-z0-9_.]+)[ \\t\\n\\x0B\\f\\r]*([-*+/]?)=[ \\t\\n\\x0B\\f\\r]*"
                    + "((\"([^\"]*)\")|([^ \\t\\n\\x0B\\f\\r]+))([ \\t\\n\\x0B\\f\\r]|$)");

    /** The pair at {@code from}, if the text there is one. */
    static Optional<KeyValue> at(String text, int from) {
        Matcher m = PAIR.matcher(text);
        m.region(from, text.length());
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        String value = m.group(5) != null ? m.group(5) : m.group(6);
        return Optional.of(new KeyValue(m.group(1), value, m.end(3)));
    }

    /** The pair as written, for messages. */
    String asWritten() {
        return key + "=" + value;
    }
}
