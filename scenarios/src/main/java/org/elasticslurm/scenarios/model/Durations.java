package org.elasticslurm.scenarios.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario files write them: a number and a unit, optionally several ({@code 30s}, {@code 2m},
 * {@code 1.5s}, {@code 500ms}, {@code 1m30s}, {@code 1h}). Millisecond resolution.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    /** The rule, as error messages state it. */
    public static final String RULE = "a duration is a number with a unit ms, s, m or h (e.g. 30s, 2m, 1.5s, "
            + "500ms, 1m30s)";

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException stating {@link #RULE}
     */
    public static Duration parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration; " + RULE);
        }
        Matcher m = PART.matcher(text);
        int end = 0;
        Duration total = Duration.ZERO;
        while (m.lookingAt()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            long millisPerUnit = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            BigDecimal millis = amount.multiply(BigDecimal.valueOf(millisPerUnit));
            if (millis.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("'" + text + "' is finer than a millisecond; " + RULE);
            }
            total = total.plusMillis(millis.longValueExact());
            end = m.end();
            m.region(end, text.length());
        }
        if (end != text.length()) {
            String hint = text.matches("\\d+(\\.\\d+)?") ? "'" + text + "' has no unit; " : "'" + text + "' is not a duration; ";
            throw new IllegalArgumentException(hint + RULE);
        }
        return total;
    }

    /** Formats as the shortest of {@code 1.5s}, {@code 2m}, {@code 1m30s}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        long h = ms / 3_600_000;
        long m = ms % 3_600_000 / 60_000;
        long restMs = ms % 60_000;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (restMs > 0) {
            b.append(BigDecimal.valueOf(restMs, 3).stripTrailingZeros().toPlainString()).append('s');
        }
        return b.toString();
    }
}
