package org.elasticslurm.conf;

import java.nio.file.Path;

/**
 * Reads slurm.conf as slurmctld 22.05 does: case-insensitive keys, {@code #} comments, {@code \} line
 * continuation, {@code Include} (relative to the including file, globs allowed), NodeName/PartitionName lines
 * with DEFAULT entries.
 */
public final class SlurmConfParser {

    /**
     * Parses a file and what it includes.
     *
     * @throws SlurmConfException for the first unusable line, naming {@code file:line}, the rule and the text
     */
    public SlurmConf parse(Path file) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Parses text as if it were the content of {@code file} (includes are resolved relative to it).
     *
     * @throws SlurmConfException for the first unusable line
     */
    public SlurmConf parse(String text, Path file) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
