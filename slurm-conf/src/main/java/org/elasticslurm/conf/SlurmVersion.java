package org.elasticslurm.conf;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Slurm release the tools emulate and whose slurm.conf rules the parser applies (the keys it knows, the keys it
 * has removed, the plugins it ships, defaults). Each rule that differs between releases keeps its data per version
 * beside it.
 */
public enum SlurmVersion {
    /** Slurm 22.05 (Debian 12's slurm-wlm 22.05.8). */
    V22_05("22.05", "22.05.8"),
    /** Slurm 24.11 (Debian 13's slurm-wlm 24.11.5). */
    V24_11("24.11", "24.11.5"),
    /** Slurm 26.05 (Debian testing's slurm-wlm 26.05.5). */
    V26_05("26.05", "26.05.5");

    private final String label;
    private final String release;

    SlurmVersion(String label, String release) {
        this.label = label;
        this.release = release;
    }

    /** The version as Slurm writes it ({@code 22.05}). */
    public String label() {
        return label;
    }

    /** The exact release emulated ({@code 22.05.8}), as {@code slurmctld -V} prints it. */
    public String release() {
        return release;
    }

    /** What {@code slurmctld -V} and {@code scontrol --version} of Debian's packages print. */
    public String versionLine() {
        return "slurm-wlm " + release;
    }

    /**
     * The version of {@code 22.05}, {@code 24.11} or a release of one ({@code 24.11.5}, {@code 24.11.3}).
     *
     * @return empty when the text names no known version
     */
    public static Optional<SlurmVersion> find(String text) {
        String t = text.strip();
        return Arrays.stream(values())
                .filter(v -> t.equals(v.label) || t.startsWith(v.label + ".") && t.substring(v.label.length() + 1)
                        .matches("\\d+(-\\d+)?"))
                .findFirst();
    }

    /**
     * As {@link #find}, for a value a user gave.
     *
     * @param source where the value came from, for the message ({@code --slurm-version},
     *               {@code ELASTIC_SLURM_VERSION})
     * @throws UnknownSlurmVersionException naming the value, its source and the known versions
     */
    public static SlurmVersion parse(String text, String source) {
        return find(text).orElseThrow(() -> new UnknownSlurmVersionException(text, source));
    }

    /** The known versions, as a user writes them: {@code 22.05, 24.11, 26.05}. */
    public static String known() {
        return Arrays.stream(values()).map(SlurmVersion::label).collect(Collectors.joining(", "));
    }

    /** The version the tools assume when none is chosen and no real slurmctld is found. */
    public static SlurmVersion defaultVersion() {
        return V24_11;
    }

    @Override
    public String toString() {
        return label;
    }
}
