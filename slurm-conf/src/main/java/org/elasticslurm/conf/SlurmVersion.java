package org.elasticslurm.conf;

/**
 * A Slurm release whose slurm.conf rules the parser applies (the keys it knows, the keys it has removed, the
 * plugins it ships). Each rule that differs between releases keeps its data per version beside it.
 */
public enum SlurmVersion {
    /** Slurm 22.05 (Debian 12's slurm-wlm 22.05.8). */
    V22_05("22.05");

    private final String label;

    SlurmVersion(String label) {
        this.label = label;
    }

    /** The version as Slurm writes it ({@code 22.05}). */
    public String label() {
        return label;
    }

    /** The version the tools assume until a site names its own. */
    public static SlurmVersion defaultVersion() {
        return V22_05;
    }

    @Override
    public String toString() {
        return label;
    }
}
