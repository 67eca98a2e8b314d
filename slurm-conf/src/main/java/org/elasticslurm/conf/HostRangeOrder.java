package org.elasticslurm.conf;

/**
 * How Slurm 22.05 (hostlist.c) orders and relates host ranges: prefixes in natural order (strnatcmp), hosts
 * without a numeric suffix before numbered hosts of the same prefix, then the low number when the zero padding
 * of the two ranges is compatible, otherwise the padding width.
 *
 * <p>Two deliberate departures, both outside the range of real node numbers: numbers are compared as
 * {@code long} (Slurm subtracts them into an {@code int}, which misorders numbers 2^31 apart and then drops
 * hosts), and host names never contain white space (separators split them; other white space is refused as a
 * control character), so natural order's skipping of white space never applies.
 */
final class HostRangeOrder {
    private HostRangeOrder() {
    }

    /** hostrange_cmp: the sort order of {@code scontrol show hostlistsorted}. */
    static int compare(HostRange a, HostRange b) {
        int byPrefix = comparePrefixes(a, b);
        if (byPrefix != 0) {
            return byPrefix;
        }
        return widthCompatible(a.lo(), a.width(), b.lo(), b.width())
                ? Long.compare(a.lo(), b.lo())
                : Integer.compare(a.width(), b.width());
    }

    /** hostrange_prefix_cmp: natural order of the prefixes; with equal prefixes a single host sorts first. */
    static int comparePrefixes(HostRange a, HostRange b) {
        int byName = a.prefix().equals(b.prefix()) ? 0 : naturalCompare(a.prefix(), b.prefix());
        return byName != 0 ? byName : Boolean.compare(b.single(), a.single());
    }

    /** hostrange_within_range: both numbered, same prefix, so they print in one bracket group. */
    static boolean sameGroup(HostRange a, HostRange b) {
        return !a.single() && !b.single() && a.prefix().equals(b.prefix());
    }

    /** Whether {@code next} continues {@code previous} (push, collapse): same group, adjacent, compatible. */
    static boolean continues(HostRange previous, HostRange next) {
        return !previous.single() && !next.single()
                && previous.hi() + 1 == next.lo()
                && previous.prefix().equals(next.prefix())
                && widthCompatible(previous.lo(), previous.width(), next.lo(), next.width());
    }

    /**
     * _width_equiv: two widths are compatible when they are equal or when applying either width to both numbers
     * leaves the zero padding of one of them unchanged ({@code 01} and {@code 1} are not, {@code 9} and
     * {@code 10} are).
     */
    static boolean widthCompatible(long n, int widthN, long m, int widthM) {
        if (widthN == widthM) {
            return true;
        }
        return zeroPadding(n, widthN) == zeroPadding(n, widthM) || zeroPadding(m, widthM) == zeroPadding(m, widthN);
    }

    private static int zeroPadding(long number, int width) {
        return Math.max(0, width - HostRange.digitCount(number));
    }

    /**
     * strnatcmp as Slurm ships it (Martin Pool's natural order): runs of digits compare by value (by digits from
     * the left when either run starts with 0), other characters by their (signed) UTF-8 byte.
     */
    static int naturalCompare(String a, String b) {
        int ai = 0;
        int bi = 0;
        while (true) {
            int ca = codePointAt(a, ai);
            int cb = codePointAt(b, bi);
            if (isDigit(ca) && isDigit(cb)) {
                int result = (ca == '0' || cb == '0') ? compareLeft(a, ai, b, bi) : compareRight(a, ai, b, bi);
                if (result != 0) {
                    return result;
                }
            }
            if (ca == 0 && cb == 0) {
                return 0;
            }
            int ka = byteKey(ca);
            int kb = byteKey(cb);
            if (ka != kb) {
                return ka < kb ? -1 : 1;
            }
            ai += Character.charCount(ca);
            bi += Character.charCount(cb);
        }
    }

    private static int compareRight(String a, int ai, String b, int bi) {
        int bias = 0;
        for (;; ai++, bi++) {
            boolean da = isDigit(charAt(a, ai));
            boolean db = isDigit(charAt(b, bi));
            if (!da && !db) {
                return bias;
            } else if (!da) {
                return -1;
            } else if (!db) {
                return 1;
            } else if (bias == 0) {
                bias = Character.compare(a.charAt(ai), b.charAt(bi));
                bias = Integer.signum(bias);
            }
        }
    }

    private static int compareLeft(String a, int ai, String b, int bi) {
        for (;; ai++, bi++) {
            boolean da = isDigit(charAt(a, ai));
            boolean db = isDigit(charAt(b, bi));
            if (!da && !db) {
                return 0;
            } else if (!da) {
                return -1;
            } else if (!db) {
                return 1;
            } else if (a.charAt(ai) != b.charAt(bi)) {
                return a.charAt(ai) < b.charAt(bi) ? -1 : 1;
            }
        }
    }

    /** C compares {@code char}s, which are signed: every non-ASCII byte sorts before ASCII. */
    private static int byteKey(int codePoint) {
        return codePoint < 0x80 ? codePoint : codePoint - 0x200000;
    }

    private static int codePointAt(String s, int i) {
        return i < s.length() ? s.codePointAt(i) : 0;
    }

    private static int charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
