package org.elasticslurm.lab.trace;

/**
 * One way in which a trace differs from the expected one.
 *
 * @param aspect  what was compared
 * @param subject the node, hook or command concerned ({@code -} when none)
 * @param detail  expected versus actual, in words
 */
public record TraceDifference(Aspect aspect, String subject, String detail) {

    @Override
    public String toString() {
        return aspect + " " + subject + ": " + detail;
    }
}
