package org.elasticslurm.conf;

/**
 * One run of a hostlist, as Slurm's hostlist.c stores it: a prefix and the numbers {@code lo..hi}, each
 * printed with at least {@code width} digits; or a single host without a numeric suffix ({@code single},
 * then the prefix is the whole name and the numbers are unused).
 */
record HostRange(String prefix, long lo, long hi, int width, boolean single) {

    static HostRange singleHost(String name) {
        return new HostRange(name, 0, 0, 0, true);
    }

    static HostRange numbered(String prefix, long lo, long hi, int width) {
        return new HostRange(prefix, lo, hi, width, false);
    }

    long count() {
        return single ? 1 : hi - lo + 1;
    }

    /** The name at this offset from the start of the range. */
    String name(long offset) {
        if (single) {
            return prefix;
        }
        StringBuilder sb = new StringBuilder(prefix.length() + Math.max(width, 8));
        sb.append(prefix);
        appendPadded(sb, lo + offset, width);
        return sb.toString();
    }

    /** Whether this range holds the name, compared as text. */
    boolean holds(String name) {
        if (single) {
            return prefix.equals(name);
        }
        int start = prefix.length();
        int digits = name.length() - start;
        if (digits <= 0 || !name.startsWith(prefix)) {
            return false;
        }
        long value = 0;
        int significant = 0;
        for (int i = start; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (significant > 0 || c != '0') {
                if (++significant > HostlistParser.MAX_DIGITS) {
                    return false;
                }
            }
            value = value * 10 + (c - '0');
        }
        return value >= lo && value <= hi && digits == Math.max(width, digitCount(value));
    }

    static void appendPadded(StringBuilder sb, long value, int width) {
        for (int pad = width - digitCount(value); pad > 0; pad--) {
            sb.append('0');
        }
        sb.append(value);
    }

    static int digitCount(long value) {
        int n = 1;
        while (value >= 10) {
            value /= 10;
            n++;
        }
        return n;
    }
}
