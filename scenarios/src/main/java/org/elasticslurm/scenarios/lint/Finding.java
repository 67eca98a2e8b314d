package org.elasticslurm.scenarios.lint;

import java.nio.file.Path;

/**
 * One lint finding. Prints as {@code file:line: severity: [rule] message} (without {@code :line} when the
 * finding is about a default, i.e. a key that is not written).
 *
 * @param rule the rule's id ({@code hook-permissions})
 * @param severity how bad
 * @param file the slurm.conf concerned
 * @param line 1-based line, or 0 for the file as a whole
 * @param message what is wrong, why it matters, and what to write instead
 */
public record Finding(String rule, Severity severity, Path file, int line, String message) {

    /** {@code file:line}, or {@code file} when there is no line. */
    public String location() {
        return line > 0 ? file + ":" + line : file.toString();
    }

    @Override
    public String toString() {
        return location() + ": " + severity.word() + ": [" + rule + "] " + message;
    }
}
