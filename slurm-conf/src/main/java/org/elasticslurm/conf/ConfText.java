package org.elasticslurm.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits slurm.conf text into logical lines the way slurmctld 22.05 does (parse_config.c
 * {@code _get_next_line}): on each physical line everything from a {@code #} preceded by an even number of
 * backslashes is a comment; an odd number of backslashes at the end of a line (trailing white space allowed
 * after them) joins the next line directly, without a space; finally every backslash is dropped and the
 * character after it kept ({@code \#} gives {@code #}, {@code \\} gives {@code \}).
 */
final class ConfText {

    /** One logical line: the number of its first physical line and its text (line ends kept). */
    record LogicalLine(int firstLine, String text) {
    }

    private ConfText() {
    }

    static List<LogicalLine> logicalLines(String text) {
        List<String> physical = physicalLines(text);
        List<LogicalLine> result = new ArrayList<>();
        int index = 0;
        while (index < physical.size()) {
            int first = index + 1;
            StringBuilder buffer = new StringBuilder();
            while (index < physical.size()) {
                String line = stripComment(physical.get(index++));
                int cut = continuationCut(line);
                if (cut < 0) {
                    buffer.append(line);
                    break;
                }
                buffer.append(line, 0, cut);
            }
            result.add(new LogicalLine(first, stripEscapes(buffer)));
        }
        return result;
    }

    /** Physical lines with their terminating newline, as fgets returns them. */
    private static List<String> physicalLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            lines.add(text.substring(start, end));
            start = end;
        }
        return lines;
    }

    private static String stripComment(String line) {
        int backslashes = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' && backslashes % 2 == 0) {
                return line.substring(0, i);
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
        }
        return line;
    }

    /** Where a continued line is cut (the position of its last backslash), or -1 when it is not continued. */
    private static int continuationCut(String line) {
        int backslashes = 0;
        int i = line.length() - 1;
        for (; i >= 0; i--) {
            char c = line.charAt(i);
            if (c == '\\') {
                backslashes++;
            } else if (isSpace(c) && backslashes == 0) {
                continue;
            } else {
                break;
            }
        }
        return backslashes % 2 == 1 ? i + backslashes : -1;
    }

    /** White space as C's {@code isspace} sees it in the C locale. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Whether the text is empty or only white space. */
    static boolean isBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String stripEscapes(CharSequence line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= line.length()) {
                    break;
                }
                c = line.charAt(i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
