package org.elasticslurm.conf;

import java.util.Map;
import java.util.Optional;

/**
 * Which Slurm version a command emulates: an option ({@code --slurm-version}) over the environment variable
 * {@value #ENV} over the version of a real {@code slurmctld -V} on PATH over {@link SlurmVersion#defaultVersion()}.
 * An unknown value from any of them is refused with {@link UnknownSlurmVersionException}, naming where it came
 * from.
 *
 * @param version the version chosen
 * @param source  where it came from ({@code --slurm-version}, {@code ELASTIC_SLURM_VERSION},
 *                {@code /usr/sbin/slurmctld -V}, {@code default})
 */
public record SlurmVersionChoice(SlurmVersion version, String source) {

    /** The environment variable every command of the project honours. */
    public static final String ENV = "ELASTIC_SLURM_VERSION";

    /**
     * Chooses the version.
     *
     * @param option     the option's value, if given
     * @param optionName the option as the user wrote it, for messages
     * @param env        the environment ({@value #ENV})
     * @param installed  the real Slurm on PATH, asked only when neither option nor environment names a version
     * @throws UnknownSlurmVersionException when the chosen value is not a known version
     */
    public static SlurmVersionChoice choose(Optional<String> option, String optionName, Map<String, String> env,
                                            InstalledSlurm installed) {
        if (option.isPresent()) {
            return new SlurmVersionChoice(SlurmVersion.parse(option.get(), optionName), optionName);
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new SlurmVersionChoice(SlurmVersion.parse(fromEnv, "environment variable " + ENV), ENV);
        }
        if (env.containsKey(InstalledSlurm.PROBE)) {
            return new SlurmVersionChoice(SlurmVersion.defaultVersion(), "default (asked for its version by "
                    + "another command)");
        }
        return detected(installed);
    }

    /** The version of the real slurmctld on PATH, else the default. */
    static SlurmVersionChoice detected(InstalledSlurm installed) {
        Optional<String> line = installed.versionLine();
        if (line.isEmpty()) {
            return new SlurmVersionChoice(SlurmVersion.defaultVersion(), "default (no slurmctld on PATH)");
        }
        String source = installed.slurmctld().map(p -> p + " -V").orElse("slurmctld -V");
        return ofVersionLine(line.get(), source);
    }

    /**
     * The version a Slurm command printed for {@code -V} or {@code --version} ({@code slurm-wlm 24.11.5},
     * {@code slurm 22.05.8}: the last word is the release).
     *
     * @param line   the line printed
     * @param source the command that printed it ({@code /usr/bin/scontrol --version}), kept as the source
     * @throws UnknownSlurmVersionException when the release is not of a known version, naming the line
     */
    public static SlurmVersionChoice ofVersionLine(String line, String source) {
        String text = line.strip();
        String version = text.substring(text.lastIndexOf(' ') + 1);
        return new SlurmVersionChoice(SlurmVersion.parse(version, source + " (\"" + text + "\")"), source);
    }
}
