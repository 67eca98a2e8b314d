package org.elasticslurm.scenarios.model;

import java.nio.file.Path;

/**
 * Where something stands in a scenario file; prints as {@code file:line:column} (1-based), the form editors
 * and CI logs link to. Line 0 stands for the whole file and prints as {@code file}.
 */
public record Position(Path file, int line, int column) {

    /** The whole file. */
    public static Position wholeFile(Path file) {
        return new Position(file, 0, 0);
    }

    @Override
    public String toString() {
        return line == 0 ? file.toString() : file + ":" + line + ":" + column;
    }
}
