package org.elasticslurm.lab.trace;

import java.util.Objects;

/**
 * One line of a trace: {@code <seconds since start> <kind> <text>}, the seconds with one decimal.
 *
 * @param tenths time since the lab's start in tenths of a second
 * @param kind   what happened: {@code start}, {@code state}, {@code hook}, {@code json}, {@code bg}, {@code run},
 *               {@code out}, {@code err}, {@code exit}, {@code slurmd}, {@code kill}, {@code mark}, {@code log},
 *               {@code abort}, {@code end}
 * @param text   the rest of the line, possibly empty
 */
public record TraceLine(long tenths, String kind, String text) {

    public TraceLine {
        if (tenths < 0) {
            throw new IllegalArgumentException("trace time must not be negative: " + tenths);
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (kind.isEmpty() || kind.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("trace kind must be one non-empty word: '" + kind + "'");
        }
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("trace text must be one line: '" + text + "'");
        }
    }

    /** The first word of the text (a node, hook or job name for most kinds). */
    public String subject() {
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }

    /** The text after the first word, empty when there is none. */
    public String rest() {
        int space = text.indexOf(' ');
        return space < 0 ? "" : text.substring(space + 1);
    }

    /** The time as printed in a trace, e.g. {@code 25.8}. */
    public String seconds() {
        return formatSeconds(tenths);
    }

    /** The line as written to a trace file. */
    public String format() {
        return text.isEmpty() ? seconds() + " " + kind : seconds() + " " + kind + " " + text;
    }

    /** Formats tenths of a second the way traces print them ({@code 35.9}). */
    public static String formatSeconds(long tenths) {
        return (tenths / 10) + "." + (tenths % 10);
    }

    @Override
    public String toString() {
        return format();
    }
}
