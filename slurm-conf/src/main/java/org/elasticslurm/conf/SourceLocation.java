package org.elasticslurm.conf;

import java.nio.file.Path;

/** A line of a configuration file; prints as {@code file:line}. */
public record SourceLocation(Path file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
