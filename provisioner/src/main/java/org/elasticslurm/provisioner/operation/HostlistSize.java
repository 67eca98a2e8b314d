package org.elasticslurm.provisioner.operation;

/**
 * An upper bound of how many names a hostlist expression expands to, computed without expanding it, so that
 * {@code n[0-999999999]} is refused before a billion strings are built. Text it cannot read counts as one
 * name (the parser then rejects it).
 */
final class HostlistSize {
    private static final java.util.regex.Pattern RANGE =
            java.util.regex.Pattern.compile("\\s*(\\d{1,18})\\s*-\\s*(\\d{1,18})\\s*");
    private HostlistSize() {
    }

    static long upperBound(String expression) {
        long total = 0;
        long token = 1;
        int depth = 0;
        int groupStart = -1;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '[') {
                depth++;
                groupStart = i + 1;
            } else if (c == ']' && depth > 0) {
                depth--;
                token = saturatedMultiply(token, groupSize(expression.substring(groupStart, i)));
            } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t')) {
                total = saturatedAdd(total, token);
                token = 1;
            }
        }
        return saturatedAdd(total, token);
    }

    private static long groupSize(String group) {
        long size = 0;
        for (String part : group.split(",")) {
            java.util.regex.Matcher m = RANGE.matcher(part);
            long n = 1;
            if (m.matches()) {
                long lo = Long.parseLong(m.group(1));
                long hi = Long.parseLong(m.group(2));
                n = hi >= lo ? hi - lo + 1 : 1;
            }
            size = saturatedAdd(size, n);
        }
        return Math.max(size, 1);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatedMultiply(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
