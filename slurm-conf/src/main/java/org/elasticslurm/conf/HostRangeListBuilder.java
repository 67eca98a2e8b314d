package org.elasticslurm.conf;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends ranges the way hostlist_push_range does: a range that continues the last one (same prefix, next
 * number, compatible padding) extends it; anything else starts a new range. The resulting structure is what
 * {@code scontrol show hostlist} prints.
 */
final class HostRangeListBuilder {
    private final List<HostRange> ranges = new ArrayList<>();
    private HostRange tail;
    private long hosts;

    void push(HostRange range) {
        hosts += range.count();
        if (tail != null && HostRangeOrder.continues(tail, range)) {
            tail = HostRange.numbered(tail.prefix(), tail.lo(), range.hi(), tail.width());
            return;
        }
        if (tail != null) {
            ranges.add(tail);
        }
        tail = range;
    }

    /** hostlist_push_host: a name's trailing digits are its number, the rest its prefix. */
    void pushHost(String name) {
        int end = name.length();
        int start = end;
        while (start > 0 && isDigit(name.charAt(start - 1))) {
            start--;
        }
        if (start == end || significantDigits(name, start) > HostlistParser.MAX_DIGITS) {
            push(HostRange.singleHost(name));
            return;
        }
        String prefix = tail != null && !tail.single() && tail.prefix().length() == start
                && name.startsWith(tail.prefix()) ? tail.prefix() : name.substring(0, start);
        long number = Long.parseLong(name, start, end, 10);
        push(HostRange.numbered(prefix, number, number, end - start));
    }

    long hosts() {
        return hosts;
    }

    List<HostRange> build() {
        List<HostRange> out = new ArrayList<>(ranges.size() + 1);
        out.addAll(ranges);
        if (tail != null) {
            out.add(tail);
        }
        return out;
    }

    private static int significantDigits(String s, int start) {
        int i = start;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.length() - i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
