package org.elasticslurm.provisioner.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfException;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.conf.SlurmVersionChoice;
import org.elasticslurm.conf.UnknownSlurmVersionException;
import org.elasticslurm.provisioner.pool.InvalidConfigException;
import org.elasticslurm.provisioner.slurm.ProcessRunner;

/**
 * Which Slurm version's rules the site's slurm.conf is read with (the keys it knows, the keys it removed, its
 * plugins): {@value #KEY} when set, else the version the configured scontrol's {@code --version} prints, else
 * {@link SlurmVersion#defaultVersion()}. An unknown version, configured or detected, is a configuration error
 * naming the known ones.
 */
public final class SiteSlurmVersion {

    /** The configuration key naming the site's Slurm version. */
    public static final String KEY = "provisioner.slurm-version";

    /** Asks a Slurm command for its version line. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @return the line printed ({@code slurm-wlm 22.05.8})
         * @throws IOException when the command cannot tell (missing, failed, timed out), with the reason
         */
        String versionLine() throws IOException;
    }

    private SiteSlurmVersion() {
    }

    /**
     * Chooses the version.
     *
     * @param configured the value of {@value #KEY}, if set
     * @param probeName  the command the probe runs, for the source ({@code /usr/bin/scontrol --version})
     * @param probe      asked only when no version is configured
     * @throws InvalidConfigException when the configured or detected version is not a known one
     */
    public static SlurmVersionChoice choose(Optional<String> configured, String probeName, Probe probe) {
        Optional<String> value = configured.map(String::strip).filter(v -> !v.isEmpty());
        if (value.isPresent()) {
            try {
                return new SlurmVersionChoice(SlurmVersion.parse(value.get(), KEY), "configured by " + KEY);
            } catch (UnknownSlurmVersionException e) {
                throw new InvalidConfigException(List.of(KEY + ": " + e.getMessage()));
            }
        }
        String line;
        try {
            line = probe.versionLine();
        } catch (IOException e) {
            return new SlurmVersionChoice(SlurmVersion.defaultVersion(), "the default: " + probeName
                    + " did not tell its version: " + e.getMessage());
        }
        try {
            return SlurmVersionChoice.ofVersionLine(line, "detected from " + probeName);
        } catch (UnknownSlurmVersionException e) {
            throw new InvalidConfigException(List.of(KEY + ": not set, and " + probeName + " printed \""
                    + line.strip() + "\", a Slurm version whose slurm.conf rules are not known; known versions: "
                    + SlurmVersion.known() + " (set " + KEY + " to the one whose rules the site's slurm.conf"
                    + " follows)"));
        }
    }

    /** The version chosen for a configuration: {@value #KEY}, else its scontrol's {@code --version}. */
    public static SlurmVersionChoice of(ProvisionerConfig config) {
        Path scontrol = config.slurm().scontrol();
        return choose(config.slurmVersion(), scontrol + " --version",
                () -> scontrolVersion(scontrol, config.slurmConf(), config.slurm().timeout(), new ProcessRunner()));
    }

    /**
     * Reads slurm.conf with the chosen version's rules.
     *
     * @throws InvalidConfigException naming {@code provisioner.slurm-conf}, the error and the rules applied
     */
    public static SlurmConf read(Path slurmConf, SlurmVersionChoice choice) {
        try {
            return new SlurmConfParser(choice.version()).parse(slurmConf);
        } catch (SlurmConfException e) {
            throw new InvalidConfigException("provisioner.slurm-conf: " + e.getMessage() + " [read with "
                    + describe(choice) + "]", e);
        }
    }

    /** {@code Slurm 24.11's rules (configured by provisioner.slurm-version)}. */
    public static String describe(SlurmVersionChoice choice) {
        return "Slurm " + choice.version() + "'s rules (" + choice.source() + ")";
    }

    /**
     * The first line {@code scontrol --version} prints, run as the service runs scontrol (argument vector,
     * {@code SLURM_CONF} only: scontrol reads slurm.conf before it answers).
     */
    static String scontrolVersion(Path scontrol, Path slurmConf, Duration timeout, ProcessRunner runner)
            throws IOException {
        ProcessRunner.Result r;
        try {
            r = runner.run(List.of(scontrol.toString(), "--version"), Map.of("SLURM_CONF", slurmConf.toString()),
                    timeout);
        } catch (ProcessRunner.TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = r.stdout().strip();
        if (r.exitCode() != 0 || out.isEmpty()) {
            String err = r.stderr().strip().lines().filter(l -> !l.isBlank()).reduce((a, b) -> a + "; " + b)
                    .orElse(out.isEmpty() ? "(no output)" : out);
            throw new IOException("exit " + r.exitCode() + ": " + err);
        }
        return out.lines().findFirst().orElse(out);
    }
}
