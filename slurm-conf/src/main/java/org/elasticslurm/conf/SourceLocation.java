package org.elasticslurm.conf;

import java.nio.file.Path;

/**
 * A line of a configuration file; prints as {@code file:line}.
 *
 * @param file the file, as it was named (the main file as given, an included one resolved against its includer)
 * @param line 1-based number of the first physical line of a (possibly continued) line; 0 for the file as a whole
 */
public record SourceLocation(Path file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
