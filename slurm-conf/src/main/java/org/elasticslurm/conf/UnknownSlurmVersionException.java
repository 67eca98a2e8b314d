package org.elasticslurm.conf;

/** A Slurm version the project does not know was asked for; the message names the value, its source and the known. */
public final class UnknownSlurmVersionException extends IllegalArgumentException {

    private final String source;

    /**
     * @param value  the value as given
     * @param source where it came from ({@code --slurm-version}, {@code ELASTIC_SLURM_VERSION}, ...)
     */
    public UnknownSlurmVersionException(String value, String source) {
        super("unknown Slurm version '" + value + "' (from " + source + "); known versions: "
                + SlurmVersion.known());
        this.source = source;
    }

    /** Where the value came from. */
    public String source() {
        return source;
    }
}
