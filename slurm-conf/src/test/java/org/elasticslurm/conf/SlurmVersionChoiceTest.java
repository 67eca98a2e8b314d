package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmVersionChoiceTest {

    @TempDir
    Path tmp;

    private final InstalledSlurm none = new InstalledSlurm("", Optional.empty());

    @Test
    void knownVersionsParseByReleaseOrFullVersion() {
        assertThat(SlurmVersion.parse("22.05", "x")).isEqualTo(SlurmVersion.V22_05);
        assertThat(SlurmVersion.parse("24.11", "x")).isEqualTo(SlurmVersion.V24_11);
        assertThat(SlurmVersion.parse("26.05", "x")).isEqualTo(SlurmVersion.V26_05);
        assertThat(SlurmVersion.parse("24.11.5", "x")).isEqualTo(SlurmVersion.V24_11);
        assertThat(SlurmVersion.V26_05.versionLine()).isEqualTo("slurm-wlm 26.05.5");
        assertThat(SlurmVersion.V22_05.release()).isEqualTo("22.05.8");
    }

    @Test
    void unknownVersionNamesItsSourceAndTheKnownVersions() {
        assertThatThrownBy(() -> SlurmVersion.parse("23.02", "--slurm-version"))
                .isInstanceOf(UnknownSlurmVersionException.class)
                .hasMessage("unknown Slurm version '23.02' (from --slurm-version); known versions: 22.05, 24.11, 26.05");
        assertThatThrownBy(() -> SlurmVersion.parse("24.110", "x")).isInstanceOf(UnknownSlurmVersionException.class);
    }

    @Test
    void theReleaseOfAVersionLineIsItsLastWord() {
        assertThat(SlurmVersionChoice.ofVersionLine("slurm-wlm 24.11.5\n", "scontrol --version"))
                .isEqualTo(new SlurmVersionChoice(SlurmVersion.V24_11, "scontrol --version"));
        assertThat(SlurmVersionChoice.ofVersionLine("slurm 22.05.8", "x").version()).isEqualTo(SlurmVersion.V22_05);
        assertThatThrownBy(() -> SlurmVersionChoice.ofVersionLine("slurm 23.11.4", "scontrol --version"))
                .isInstanceOf(UnknownSlurmVersionException.class)
                .hasMessage("unknown Slurm version '23.11.4' (from scontrol --version (\"slurm 23.11.4\")); known"
                        + " versions: 22.05, 24.11, 26.05");
    }

    @Test
    void optionWinsOverEnvironmentAndInstalledSlurm() throws IOException {
        InstalledSlurm real = new InstalledSlurm(fakeSlurmctld("bin", "slurm-wlm 22.05.8").toString(),
                Optional.empty());
        SlurmVersionChoice c = SlurmVersionChoice.choose(Optional.of("26.05"), "--slurm-version",
                Map.of(SlurmVersionChoice.ENV, "24.11"), real);
        assertThat(c).isEqualTo(new SlurmVersionChoice(SlurmVersion.V26_05, "--slurm-version"));
    }

    @Test
    void environmentWinsOverInstalledSlurm() throws IOException {
        InstalledSlurm real = new InstalledSlurm(fakeSlurmctld("bin", "slurm-wlm 22.05.8").toString(),
                Optional.empty());
        SlurmVersionChoice c = SlurmVersionChoice.choose(Optional.empty(), "--slurm-version",
                Map.of(SlurmVersionChoice.ENV, "26.05"), real);
        assertThat(c.version()).isEqualTo(SlurmVersion.V26_05);
        assertThat(c.source()).isEqualTo("ELASTIC_SLURM_VERSION");
    }

    @Test
    void unknownEnvironmentValueIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> SlurmVersionChoice.choose(Optional.empty(), "--slurm-version",
                Map.of(SlurmVersionChoice.ENV, "21.08"), none))
                .isInstanceOf(UnknownSlurmVersionException.class)
                .hasMessageContaining("'21.08' (from environment variable ELASTIC_SLURM_VERSION)")
                .hasMessageContaining("22.05, 24.11, 26.05");
    }

    @Test
    void realSlurmctldOnPathGivesTheDefault() throws IOException {
        Path bin = fakeSlurmctld("bin", "slurm-wlm 22.05.8");
        SlurmVersionChoice c = SlurmVersionChoice.choose(Optional.empty(), "--slurm-version", Map.of(),
                new InstalledSlurm(bin.toString(), Optional.empty()));
        assertThat(c.version()).isEqualTo(SlurmVersion.V22_05);
        assertThat(c.source()).isEqualTo(bin.resolve("slurmctld") + " -V");
    }

    @Test
    void skippedDirectoryIsNotSearchedSoDropInsDoNotFindThemselves() throws IOException {
        Path own = fakeSlurmctld("own", "slurm-wlm 26.05.5");
        Path real = fakeSlurmctld("real", "slurm 22.05.8");
        InstalledSlurm installed = new InstalledSlurm(own + ":" + real, Optional.of(own));
        assertThat(SlurmVersionChoice.choose(Optional.empty(), "-", Map.of(), installed).version())
                .isEqualTo(SlurmVersion.V22_05);
        InstalledSlurm onlyOwn = new InstalledSlurm(own.toString(), Optional.of(own));
        assertThat(SlurmVersionChoice.choose(Optional.empty(), "-", Map.of(), onlyOwn))
                .isEqualTo(new SlurmVersionChoice(SlurmVersion.V24_11, "default (no slurmctld on PATH)"));
    }

    @Test
    void withoutSlurmctldOnPathTheDefaultIs2411() {
        assertThat(SlurmVersionChoice.choose(Optional.empty(), "--slurm-version", Map.of(), none).version())
                .isEqualTo(SlurmVersion.V24_11);
    }

    @Test
    void installedSlurmctldOfUnknownVersionIsRefusedNamingIt() throws IOException {
        Path bin = fakeSlurmctld("bin", "slurm 23.02.7");
        assertThatThrownBy(() -> SlurmVersionChoice.choose(Optional.empty(), "--slurm-version", Map.of(),
                new InstalledSlurm(bin.toString(), Optional.empty())))
                .isInstanceOf(UnknownSlurmVersionException.class)
                .hasMessageContaining("'23.02.7' (from " + bin.resolve("slurmctld") + " -V (\"slurm 23.02.7\"))");
    }

    @Test
    void askedSlurmctldIsToldItIsAProbeAndAProbeDoesNotAskFurther() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("env"));
        Path script = bin.resolve("slurmctld");
        Files.writeString(script, "#!/bin/sh\necho \"slurm-wlm ${ELASTIC_SLURM_VERSION_PROBE:+26.05.5}\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        InstalledSlurm installed = new InstalledSlurm(bin.toString(), Optional.empty());
        assertThat(SlurmVersionChoice.choose(Optional.empty(), "-", Map.of(), installed).version())
                .isEqualTo(SlurmVersion.V26_05);
        assertThat(SlurmVersionChoice.choose(Optional.empty(), "-", Map.of(InstalledSlurm.PROBE, "1"), installed)
                .version()).isEqualTo(SlurmVersion.V24_11);
    }

    private Path fakeSlurmctld(String dir, String versionLine) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve(dir));
        Path script = bin.resolve("slurmctld");
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = -V ] && echo '" + versionLine + "' && exit 0\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
