package org.elasticslurm.provisioner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.conf.SlurmVersionChoice;
import org.elasticslurm.provisioner.pool.InvalidConfigException;
import org.elasticslurm.provisioner.slurm.ProcessRunner;
import org.elasticslurm.provisioner.testing.TestConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site's Slurm version: {@code provisioner.slurm-version}, else what the configured scontrol's
 * {@code --version} prints (Debian's real scontrol 22.05 here), else the default.
 */
class SiteSlurmVersionTest {
    private static final Path SCONTROL = Path.of("/usr/bin/scontrol");

    @TempDir
    Path dir;

    private static SiteSlurmVersion.Probe notAsked() {
        return () -> {
            throw new AssertionError("scontrol was asked although a version is configured");
        };
    }

    private Path slurmConf(String text) throws IOException {
        Path conf = dir.resolve("slurm.conf");
        Files.writeString(conf, text);
        return conf;
    }

    private SlurmVersionChoice detect(Path conf) {
        return SiteSlurmVersion.choose(Optional.empty(), SCONTROL + " --version",
                () -> SiteSlurmVersion.scontrolVersion(SCONTROL, conf, Duration.ofSeconds(10), new ProcessRunner()));
    }

    @Test
    void theConfiguredVersionIsTakenWithoutAskingScontrol() {
        assertThat(SiteSlurmVersion.choose(Optional.of("26.05"), "scontrol --version", notAsked()))
                .isEqualTo(new SlurmVersionChoice(SlurmVersion.V26_05, "configured by provisioner.slurm-version"));
        assertThat(SiteSlurmVersion.choose(Optional.of(" 24.11.5 "), "scontrol --version", notAsked()).version())
                .isEqualTo(SlurmVersion.V24_11);
    }

    @Test
    void anUnknownConfiguredVersionIsAConfigErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> SiteSlurmVersion.choose(Optional.of("23.02"), "scontrol --version", notAsked()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "provisioner.slurm-version: unknown Slurm version '23.02' (from provisioner.slurm-version);"
                                + " known versions: 22.05, 24.11, 26.05"));
    }

    @Test
    void withoutAConfiguredVersionTheRealScontrolsVersionIsDetected() throws IOException {
        SlurmVersionChoice c = detect(slurmConf(TestConf.CLOUD8));

        assertThat(c).isEqualTo(new SlurmVersionChoice(SlurmVersion.V22_05,
                "detected from /usr/bin/scontrol --version"));
        assertThat(SiteSlurmVersion.describe(c))
                .isEqualTo("Slurm 22.05's rules (detected from /usr/bin/scontrol --version)");
    }

    @Test
    void aScontrolThatCannotReadTheSiteConfLeavesTheDefaultAndSaysWhy() throws IOException {
        SlurmVersionChoice c = detect(slurmConf(TestConf.CLOUD8 + "SuspendExcStates=down,drain\n"));

        assertThat(c.version()).isEqualTo(SlurmVersion.V24_11);
        assertThat(c.source()).startsWith("the default: /usr/bin/scontrol --version did not tell its version: exit 1: ")
                .contains("Parsing error at unrecognized key: SuspendExcStates");
    }

    @Test
    void aMissingScontrolLeavesTheDefault() throws IOException {
        Path conf = slurmConf(TestConf.CLOUD8);
        Path missing = dir.resolve("no-scontrol");
        SlurmVersionChoice c = SiteSlurmVersion.choose(Optional.empty(), missing + " --version",
                () -> SiteSlurmVersion.scontrolVersion(missing, conf, Duration.ofSeconds(5), new ProcessRunner()));

        assertThat(c.version()).isEqualTo(SlurmVersion.V24_11);
        assertThat(c.source()).startsWith("the default: " + missing + " --version did not tell its version: ");
    }

    @Test
    void aDetectedVersionTheProjectDoesNotKnowIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> SiteSlurmVersion.choose(Optional.empty(), "/opt/slurm/bin/scontrol --version",
                () -> "slurm 23.11.4"))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .isEqualTo("provisioner.slurm-version: not set, and /opt/slurm/bin/scontrol --version printed"
                                + " \"slurm 23.11.4\", a Slurm version whose slurm.conf rules are not known; known"
                                + " versions: 22.05, 24.11, 26.05 (set provisioner.slurm-version to the one whose"
                                + " rules the site's slurm.conf follows)"));
    }

    @Test
    void slurmConfIsReadWithTheChosenVersionsRules() throws IOException {
        Path conf = slurmConf(TestConf.CLOUD8 + "SuspendExcStates=down,drain\n");

        assertThat(SiteSlurmVersion.read(conf, new SlurmVersionChoice(SlurmVersion.V24_11, "configured"))
                .parameter("SuspendExcStates")).contains("down,drain");
        assertThatThrownBy(() -> SiteSlurmVersion.read(conf, new SlurmVersionChoice(SlurmVersion.V22_05,
                "configured by provisioner.slurm-version")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("provisioner.slurm-conf: ")
                        .contains("unrecognized key: SuspendExcStates (slurmctld 22.05 has no such key")
                        .endsWith("[read with Slurm 22.05's rules (configured by provisioner.slurm-version)]"));
    }
}
