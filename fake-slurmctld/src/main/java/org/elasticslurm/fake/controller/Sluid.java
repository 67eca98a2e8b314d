package org.elasticslurm.fake.controller;

/**
 * 26.05's SLUID of a job, as its log shows it: {@code s} and 13 Crockford base-32 digits
 * ({@code s4MHM98QCKE900}). The digits here encode a time in milliseconds and a count, not 26.05's layout: the
 * value is new at each requeue, which is all a log reader sees.
 */
final class Sluid {

    private static final String DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 13;

    private Sluid() {
    }

    /** The SLUID for {@code millis} and {@code count} (the low 12 bits of the count are kept). */
    static String of(long millis, long count) {
        long value = (millis << 12) | (count & 0xFFF);
        char[] out = new char[LENGTH];
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i] = DIGITS.charAt((int) (value & 31));
            value >>>= 5;
        }
        return "s" + new String(out);
    }
}
