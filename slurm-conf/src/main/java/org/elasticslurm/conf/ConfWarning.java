package org.elasticslurm.conf;

/**
 * Something in slurm.conf that is accepted but worth telling: an unknown key, an ignored or corrected value.
 * Where slurmctld 22.05 logs the matter itself, the message is its wording without the {@code error: } prefix
 * ({@code TreeWidth=0 is invalid}, {@code Invalid SuspendExcNodes c[1-4]:5 ignored}, ...).
 *
 * @param location the line concerned
 * @param message what is the matter
 */
public record ConfWarning(SourceLocation location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
