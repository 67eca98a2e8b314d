package org.elasticslurm.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a hostlist expression in the grammar of Slurm 22.05 (hostlist.c, _hostlist_create_bracketed) into
 * ranges, refusing what Slurm would silently mangle.
 *
 * <pre>
 * expression := separator* [ token (separator+ token)* ] separator*      separator := ',' | ' ' | '\t'
 * token      := text* ( '[' ranges ']' text* )*   -- a token with groups must end with ']'
 * ranges     := range (',' range)*                 range := digits [ '-' digits ]
 * </pre>
 *
 * <p>The groups of a token form a cartesian product. With two groups the left one varies slowest; with more,
 * Slurm recurses from the right: the next-to-last group varies slowest, then the groups before it from right to
 * left, and the last group fastest ({@code a[1-2]b[3-4]c[5-6]} gives a1b3c5 a1b3c6 a2b3c5 ...).
 */
final class HostlistParser {
    /** MAX_RANGE: hosts in one lo-hi range. */
    static final int MAX_RANGE_HOSTS = 64 * 1024;
    /** MAX_PREFIX_CNT: values of a bracket group that is not the last of its token. */
    static final int MAX_PREFIX_VALUES = 64 * 1024;
    /** MAX_RANGES: ranges between one pair of brackets (Slurm aborts beyond it). */
    static final int MAX_RANGES_PER_GROUP = 256 * 1024;
    /** This library's bound on one expression (Slurm's counter overflows near 2^31). */
    static final int MAX_HOSTS = 1 << 20;
    /** Significant digits of a number, this library's bound to keep numbers exact (Slurm saturates at 2^64-1). */
    static final int MAX_DIGITS = 18;

    private final String expression;
    private final int length;
    private final HostRangeListBuilder builder = new HostRangeListBuilder();
    private int pos;
    /** Counting only: the size bounds are not applied and nothing is built. */
    private boolean counting;
    private long counted;

    private HostlistParser(String expression) {
        this.expression = expression;
        this.length = expression.length();
    }

    static List<HostRange> parse(String expression) {
        HostlistParser parser = new HostlistParser(expression);
        parser.expression();
        return parser.builder.build();
    }

    /** How many names the expression gives, without building them and without the size bounds (saturates). */
    static long count(String expression) {
        HostlistParser parser = new HostlistParser(expression);
        parser.counting = true;
        parser.expression();
        return parser.counted;
    }

    /**
     * Checks that a name can stand in a hostlist: not empty, no separator, bracket or control character.
     */
    static void checkName(String name) {
        if (name.isEmpty()) {
            throw new HostlistException(name, 1, "a host name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isSeparator(c)) {
                throw new HostlistException(name, i + 1, describe(c) + " separates host names and cannot be part of one");
            }
            if (c == '[' || c == ']') {
                throw new HostlistException(name, i + 1, "'" + c + "' marks a range and cannot be part of a host name");
            }
            if (isControl(c)) {
                throw new HostlistException(name, i + 1, controlRule(c));
            }
        }
    }

    private void expression() {
        while (true) {
            while (pos < length && isSeparator(expression.charAt(pos))) {
                pos++;
            }
            if (pos >= length) {
                return;
            }
            token();
        }
    }

    private void token() {
        int start = pos;
        List<String> texts = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        int textStart = pos;
        while (pos < length) {
            char c = expression.charAt(pos);
            if (isSeparator(c)) {
                break;
            } else if (c == '[') {
                texts.add(expression.substring(textStart, pos));
                groups.add(group());
                textStart = pos;
            } else if (c == ']') {
                throw error(pos, "']' without a matching '['");
            } else if (isControl(c)) {
                throw error(pos, controlRule(c));
            } else {
                pos++;
            }
        }
        if (groups.isEmpty() && counting) {
            counted = saturatedAdd(counted, 1);
            return;
        }
        if (groups.isEmpty()) {
            builder.pushHost(expression.substring(start, pos));
            checkTotal(start, 0);
            return;
        }
        if (textStart < pos) {
            throw error(textStart, "text after the last bracket group: a bracket group must end the host name");
        }
        if (counting) {
            long names = 1;
            for (Group g : groups) {
                names = g.hosts != 0 && names > Long.MAX_VALUE / g.hosts ? Long.MAX_VALUE : names * g.hosts;
            }
            counted = saturatedAdd(counted, names);
            return;
        }
        expand(start, texts, groups);
    }

    private Group group() {
        int open = pos;
        requireClosed(open);
        pos++;
        Group group = new Group(open);
        while (true) {
            if (group.ranges.size() == MAX_RANGES_PER_GROUP) {
                throw error(pos, "more than " + MAX_RANGES_PER_GROUP + " ranges in one bracket group");
            }
            group.add(range());
            char c = expression.charAt(pos++);
            if (c == ']') {
                return group;
            }
        }
    }

    private void requireClosed(int open) {
        for (int i = open + 1; i < length; i++) {
            char c = expression.charAt(i);
            if (c == ']') {
                return;
            }
            if (c == '[') {
                throw error(i, "'[' inside a bracket group: the '[' at column " + (open + 1) + " is not closed");
            }
        }
        throw error(open, "'[' is not closed by ']'");
    }

    /** Reads lo or lo-hi and leaves pos on the ',' or ']' after it. */
    private Range range() {
        int start = pos;
        Digits lo = digits(-1);
        Digits hi = lo;
        if (expression.charAt(pos) == '-') {
            pos++;
            hi = digits(lo.value);
        }
        if (expression.charAt(pos) != ',' && expression.charAt(pos) != ']') {
            throw invalidCharacter(pos);
        }
        if (lo.value > hi.value) {
            throw error(start, "invalid range " + lo.value + "-" + hi.value
                    + ": the low bound must not exceed the high bound");
        }
        long hosts = hi.value - lo.value + 1;
        if (hosts > MAX_RANGE_HOSTS && !counting) {
            throw error(start, "range " + lo.value + "-" + hi.value + " has " + hosts + " hosts, more than "
                    + MAX_RANGE_HOSTS + " in one range");
        }
        return new Range(lo.value, hi.value, lo.width);
    }

    /** Reads the digits at pos; {@code low} is the low bound when reading a high bound, else -1. */
    private Digits digits(long low) {
        int start = pos;
        while (expression.charAt(pos) >= '0' && expression.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            char c = expression.charAt(pos);
            if (c == '-') {
                throw error(pos, "negative numbers are not allowed in a range");
            }
            if (c == ',' || c == ']') {
                throw error(pos, low < 0 ? "empty range before '" + c + "': ranges are decimal numbers lo or lo-hi"
                        : "range " + low + "- has no high bound");
            }
            throw invalidCharacter(pos);
        }
        int first = start;
        while (first < pos - 1 && expression.charAt(first) == '0') {
            first++;
        }
        if (pos - first > MAX_DIGITS) {
            throw error(start, "number " + expression.substring(start, pos) + " has more than " + MAX_DIGITS
                    + " significant digits");
        }
        return new Digits(Long.parseLong(expression, start, pos, 10), pos - start);
    }

    private HostlistException invalidCharacter(int at) {
        char c = expression.charAt(at);
        if (c == ' ' || c == '\t') {
            return error(at, describe(c) + " inside a bracket group: ranges are decimal numbers lo or lo-hi separated by ','");
        }
        if (isControl(c)) {
            return error(at, controlRule(c));
        }
        return error(at, "'" + c + "' inside a bracket group: ranges are decimal numbers lo or lo-hi separated by ','");
    }

    private void expand(int tokenStart, List<String> texts, List<Group> groups) {
        int last = groups.size() - 1;
        long names = groups.get(last).hosts;
        checkTotal(tokenStart, names);
        for (int g = 0; g < last; g++) {
            Group group = groups.get(g);
            if (group.hosts > MAX_PREFIX_VALUES) {
                throw error(group.open, "the bracket group expands to " + group.hosts + " values, more than "
                        + MAX_PREFIX_VALUES + " for a group that is not the last of its host name");
            }
            names *= group.hosts;
            checkTotal(tokenStart, names);
        }
        String[][] values = new String[last][];
        for (int g = 0; g < last; g++) {
            values[g] = groups.get(g).values();
        }
        int[] index = new int[last];
        List<Range> ranges = groups.get(last).ranges;
        StringBuilder prefix = new StringBuilder();
        while (true) {
            prefix.setLength(0);
            for (int g = 0; g < last; g++) {
                prefix.append(texts.get(g)).append(values[g][index[g]]);
            }
            prefix.append(texts.get(last));
            String p = prefix.toString();
            for (Range r : ranges) {
                builder.push(HostRange.numbered(p, r.lo, r.hi, r.width));
            }
            if (!advance(index, values, last)) {
                return;
            }
        }
    }

    /**
     * Next combination of the groups before the last: Slurm's recursion takes the first group fastest and the
     * next-to-last slowest.
     */
    private static boolean advance(int[] index, String[][] values, int count) {
        for (int g = 0; g < count; g++) {
            if (++index[g] < values[g].length) {
                return true;
            }
            index[g] = 0;
        }
        return false;
    }

    /** Refuses the token when the names already read plus {@code pending} more exceed the bound. */
    private void checkTotal(int tokenStart, long pending) {
        if (builder.hosts() + pending > MAX_HOSTS) {
            throw error(tokenStart, "the expression expands to more than " + MAX_HOSTS + " host names");
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private HostlistException error(int index, String rule) {
        return new HostlistException(expression, index + 1, rule);
    }

    static boolean isSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t';
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }

    private static String controlRule(char c) {
        return String.format("control character U+%04X is not allowed in a host name", (int) c);
    }

    private static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            default -> "'" + c + "'";
        };
    }

    private record Digits(long value, int width) {
    }

    private record Range(long lo, long hi, int width) {
    }

    private static final class Group {
        final int open;
        final List<Range> ranges = new ArrayList<>();
        long hosts;

        Group(int open) {
            this.open = open;
        }

        void add(Range range) {
            ranges.add(range);
            hosts = saturatedAdd(hosts, range.hi - range.lo + 1);
        }

        String[] values() {
            String[] out = new String[(int) hosts];
            int i = 0;
            StringBuilder sb = new StringBuilder();
            for (Range r : ranges) {
                for (long v = r.lo; v <= r.hi; v++) {
                    sb.setLength(0);
                    HostRange.appendPadded(sb, v, r.width);
                    out[i++] = sb.toString();
                }
            }
            return out;
        }
    }
}
