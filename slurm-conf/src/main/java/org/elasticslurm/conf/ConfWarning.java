package org.elasticslurm.conf;

/** Something in slurm.conf that is accepted but worth telling (an unknown key, an ignored value). */
public record ConfWarning(SourceLocation location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
