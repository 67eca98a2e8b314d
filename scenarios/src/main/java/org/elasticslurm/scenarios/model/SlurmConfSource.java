package org.elasticslurm.scenarios.model;

import java.nio.file.Path;

/**
 * Where a scenario's slurm.conf comes from. The text may use {@code $LAB} (the run's scratch directory, where
 * hooks are installed under {@code $LAB/hooks/}) and {@code $HOST} (the machine's short host name).
 */
public sealed interface SlurmConfSource {
    /** Where it is declared. */
    Position position();

    /**
     * Written in the scenario file.
     *
     * @param text the slurm.conf text
     * @param firstLine the scenario file line of the text's first line (to report slurm.conf errors there)
     * @param firstColumn the scenario file column where the text's lines start
     */
    record Inline(String text, int firstLine, int firstColumn, Position position) implements SlurmConfSource {
    }

    /** A file, resolved relative to the scenario file. */
    record File(Path path, Position position) implements SlurmConfSource {
    }
}
