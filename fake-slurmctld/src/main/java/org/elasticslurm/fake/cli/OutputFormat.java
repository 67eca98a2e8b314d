package org.elasticslurm.fake.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code -o} format of sinfo or squeue: optional leading text, then fields {@code %[.][WIDTH]X} each followed
 * by literal text. Printed as Slurm's {@code _print_str} does: a width pads (and, for most fields, cuts) the
 * value; {@code .} justifies it right; no width prints the value as it is.
 */
final class OutputFormat {

    /**
     * One field.
     *
     * @param letter the field letter
     * @param width  0 for "as it is"
     * @param right  right-justified
     * @param suffix the literal text after it
     */
    record Field(char letter, int width, boolean right, String suffix) {
    }

    final String prefix;
    final List<Field> fields;

    OutputFormat(String prefix, List<Field> fields) {
        this.prefix = prefix;
        this.fields = List.copyOf(fields);
    }

    /** Parses a format as sinfo's and squeue's {@code _parse_format} do. */
    static OutputFormat parse(String format) {
        String[] tokens = format.split("%", -1);
        String prefix = tokens[0];
        List<Field> fields = new ArrayList<>();
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            if (token.isEmpty()) {
                continue;
            }
            int i = 0;
            boolean right = false;
            if (token.charAt(i) == '.') {
                right = true;
                i++;
            }
            int width = 0;
            while (i < token.length() && Character.isDigit(token.charAt(i))) {
                width = width * 10 + (token.charAt(i++) - '0');
            }
            if (i >= token.length()) {
                continue;
            }
            char letter = token.charAt(i++);
            fields.add(new Field(letter, width, right, token.substring(i)));
        }
        return new OutputFormat(prefix, fields);
    }

    /** Slurm's _print_str: pad to {@code width} (right or left), cut to it when {@code cut}. */
    static String pad(String value, int width, boolean right, boolean cut) {
        if (width == 0) {
            return value;
        }
        String v = value;
        if (right) {
            if (v.length() < width) {
                v = " ".repeat(width - v.length()) + v;
            }
            if (cut && v.length() > width) {
                v = v.substring(0, width);
            }
            return v;
        }
        if (v.length() > width) {
            // "%.Ns" always cuts a left-justified value
            v = v.substring(0, width);
        }
        return v + " ".repeat(width - v.length());
    }
}
