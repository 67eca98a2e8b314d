package org.elasticslurm.conf;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Value conversions of slurmctld 22.05 (parse_value.c, parse_time.c), with its error wording as the rule.
 * Numbers are read as C's {@code strtoul(value, &end, 0)} reads them: decimal, {@code 0x} hexadecimal or
 * leading-{@code 0} octal; {@code INFINITE} and {@code UNLIMITED} give the type's maximum.
 */
final class ConfValues {

    /** The type of a slurm.conf value. */
    enum Type { STRING, UINT16, UINT32, UINT64, BOOLEAN }

    /** A value that breaks its type's rule; the message is the rule. */
    static final class BadValue extends RuntimeException {
        BadValue(String rule) {
            super(rule);
        }
    }

    static final long INFINITE16 = 0xFFFFL;
    static final long INFINITE32 = 0xFFFF_FFFFL;

    private static final BigInteger MAX_UINT16 = BigInteger.valueOf(0xFFFF);
    private static final BigInteger MAX_UINT32 = BigInteger.valueOf(0xFFFF_FFFFL);
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private ConfValues() {
    }

    /** Checks a value against its type. */
    static void check(Type type, String key, String value) {
        switch (type) {
            case STRING -> { }
            case UINT16 -> uint16(key, value);
            case UINT32 -> uint32(key, value);
            case UINT64 -> uint64(key, value);
            case BOOLEAN -> bool(key, value);
        }
    }

    /** An unsigned 16-bit number; INFINITE/UNLIMITED give 65535. */
    static int uint16(String key, String value) {
        Parsed p = parse(value, false);
        if (!p.complete()) {
            if (isInfinite(value)) {
                return (int) INFINITE16;
            }
            throw new BadValue(key + " value \"" + value + "\" is not a valid number");
        }
        if (p.negative()) {
            throw new BadValue(key + " value (" + value + ") is less than zero");
        }
        if (p.value().compareTo(MAX_UINT16) > 0) {
            throw new BadValue(key + " value (" + value + ") is greater than 65535");
        }
        return p.value().intValue();
    }

    /** An unsigned 32-bit number, a {@code k} suffix multiplying by 1024; INFINITE/UNLIMITED give 2^32-1. */
    static long uint32(String key, String value) {
        Parsed p = parse(value, true);
        if (!p.complete()) {
            if (isInfinite(value)) {
                return INFINITE32;
            }
            throw new BadValue(key + " value (" + value + ") is not a valid number");
        }
        if (p.negative()) {
            throw new BadValue(key + " value (" + value + ") is less than zero");
        }
        if (p.value().compareTo(MAX_UINT32) > 0) {
            throw new BadValue(key + " value (" + value + ") is greater than 4294967295");
        }
        return p.value().longValue();
    }

    /**
     * An unsigned 64-bit number, a {@code k} suffix multiplying by 1024. Values above {@link Long#MAX_VALUE}
     * (INFINITE among them) are given as {@link Long#MAX_VALUE}.
     */
    static long uint64(String key, String value) {
        Parsed p = parse(value, true);
        if (!p.complete()) {
            if (isInfinite(value)) {
                return Long.MAX_VALUE;
            }
            throw new BadValue(key + " value (" + value + ") is not a valid number");
        }
        if (p.negative()) {
            throw new BadValue(key + " value (" + value + ") is less than zero");
        }
        if (p.value().compareTo(MAX_UINT64) > 0) {
            throw new BadValue(key + " value (" + value + ") is out of range");
        }
        return p.value().min(MAX_LONG).longValue();
    }

    /** YES/UP/TRUE/1 or NO/DOWN/FALSE/0, any case. */
    static boolean bool(String key, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "up", "true", "1" -> {
                return true;
            }
            case "no", "down", "false", "0" -> {
                return false;
            }
            default -> throw new BadValue("\"" + value + "\" is not a valid option for \"" + key + "\"");
        }
    }

    /**
     * Checks a time limit as slurmctld's {@code time_str2mins} accepts it: INFINITE, UNLIMITED, -1, or
     * {@code minutes}, {@code minutes:seconds}, {@code hours:minutes:seconds}, {@code days-hours},
     * {@code days-hours:minutes}, {@code days-hours:minutes:seconds}.
     */
    static void timeLimit(String key, String value) {
        if (isInfinite(value) || value.equals("-1")) {
            return;
        }
        if (!validTimeSpec(value)) {
            throw new BadValue("Bad value \"" + value + "\" for " + key);
        }
    }

    /** A whole number of seconds, decimal, possibly negative (as {@code atoi} would read a clean number). */
    static long decimal(String key, String value) {
        if (!value.matches("[+-]?[0-9]{1,18}")) {
            throw new BadValue(key + " value \"" + value + "\" is not a whole number");
        }
        return Long.parseLong(value);
    }

    private static boolean isInfinite(String value) {
        return value.equalsIgnoreCase("INFINITE") || value.equalsIgnoreCase("UNLIMITED");
    }

    private static boolean validTimeSpec(String s) {
        int digit = 0;
        int dash = 0;
        int colon = 0;
        boolean alreadyDigit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (!alreadyDigit) {
                    digit++;
                    alreadyDigit = true;
                }
            } else if (c == '-') {
                alreadyDigit = false;
                dash++;
                if (colon > 0) {
                    return false;
                }
            } else if (c == ':') {
                alreadyDigit = false;
                colon++;
            } else {
                return false;
            }
        }
        if (digit == 0 || dash > 1 || colon > 2) {
            return false;
        }
        if (dash > 0) {
            return !((colon == 1 && digit < 3) || (colon == 2 && digit < 4));
        }
        return !((colon == 1 && digit < 2) || (colon == 2 && digit < 3));
    }

    private record Parsed(BigInteger value, boolean negative, boolean complete) {
    }

    /** C's strtoul with base 0 (and the k suffix where the type allows it). */
    private static Parsed parse(String text, boolean kSuffix) {
        int i = 0;
        while (i < text.length() && ConfText.isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < text.length() && text.charAt(i) == '0'
                && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < text.length() && text.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        while (i < text.length() && text.charAt(i) < 128 && Character.digit(text.charAt(i), radix) >= 0) {
            i++;
        }
        if (i == start) {
            return new Parsed(BigInteger.ZERO, false, false);
        }
        BigInteger value = new BigInteger(text.substring(start, i), radix);
        if (kSuffix && i < text.length() && (text.charAt(i) == 'k' || text.charAt(i) == 'K')) {
            value = value.shiftLeft(10);
            i++;
        }
        return new Parsed(value, negative, i == text.length());
    }
}
