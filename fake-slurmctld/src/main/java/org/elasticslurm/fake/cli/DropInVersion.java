package org.elasticslurm.fake.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.InstalledSlurm;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.conf.SlurmVersionChoice;

/**
 * The Slurm version a drop-in command emulates: its option (slurmctld's {@code --slurm-version}), else
 * {@code ELASTIC_SLURM_VERSION}, else the version of a real {@code slurmctld -V} on PATH outside the drop-ins' own
 * bin directory (the launcher's, {@code FAKE_SLURM_LAUNCHER}), else 24.11. The real slurmctld is asked only when
 * the version is needed ({@code --version}), so a command's start costs nothing more.
 */
final class DropInVersion {

    /** Set by the launcher to its own path; its directory is not searched for a real slurmctld. */
    static final String LAUNCHER = "FAKE_SLURM_LAUNCHER";

    private final Optional<String> option;
    private final String optionName;
    private final Map<String, String> env;
    private SlurmVersionChoice chosen;

    DropInVersion(Optional<String> option, String optionName, Map<String, String> env) {
        this.option = option;
        this.optionName = optionName;
        this.env = env;
    }

    /** A command without a version option. */
    static DropInVersion fromEnvironment(Map<String, String> env) {
        return new DropInVersion(Optional.empty(), "", env);
    }

    /**
     * Refuses an unknown option or environment value now, without looking for a real slurmctld.
     *
     * @throws org.elasticslurm.conf.UnknownSlurmVersionException naming the value, its source and the known ones
     */
    void check() {
        if (option.isPresent()) {
            SlurmVersion.parse(option.get(), optionName);
        } else {
            String value = env.get(SlurmVersionChoice.ENV);
            if (value != null && !value.isBlank()) {
                SlurmVersion.parse(value, "environment variable " + SlurmVersionChoice.ENV);
            }
        }
    }

    /**
     * The version chosen.
     *
     * @throws org.elasticslurm.conf.UnknownSlurmVersionException naming the value, its source and the known ones
     */
    SlurmVersion version() {
        if (chosen == null) {
            chosen = SlurmVersionChoice.choose(option, optionName, env, installed());
        }
        return chosen.version();
    }

    private InstalledSlurm installed() {
        Optional<Path> ownBin = Optional.ofNullable(env.get(LAUNCHER)).filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().getParent());
        return new InstalledSlurm(env.get("PATH"), ownBin);
    }
}
