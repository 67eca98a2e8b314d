package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code real-slurm --slurm-version V}: which real daemons run for each version. */
class RealSlurmVersionTargetTest {

    @TempDir
    Path dir;

    private Map<String, String> rootsWith(String... roots) throws IOException {
        Path base = Files.createDirectories(dir.resolve("roots"));
        for (String root : roots) {
            Path sbin = Files.createDirectories(base.resolve(root).resolve("usr/sbin"));
            Files.createSymbolicLink(sbin.resolve("slurmctld"), Path.of("/etc/alternatives/slurmctld"));
            Files.createFile(sbin.resolve("slurmd"));
        }
        return Map.of("ELASTIC_SLURM_ROOTS", base.toString());
    }

    @Test
    void version2205IsTheHostsDebianPackages() throws IOException {
        assertThat(SlurmBinaries.realSlurm(SlurmVersion.V22_05, dir, rootsWith())).isEqualTo(SlurmBinaries.debian());
        assertThat(SlurmBinaries.debian().realVersion()).contains(SlurmVersion.V22_05);
        assertThat(SlurmBinaries.debian().runsInRoot()).isFalse();
    }

    @Test
    void aVersionWithARootRunsThatRootsCommandsThroughWrappersUnderTheScratchParent() throws IOException {
        SlurmBinaries b = SlurmBinaries.realSlurm(SlurmVersion.V24_11, dir.resolve("tmp"), rootsWith("trixie-abc"));

        assertThat(b.kind()).isEqualTo(TargetKind.REAL_SLURM);
        assertThat(b.commands().label()).isEqualTo("real-24.11");
        assertThat(b.realVersion()).contains(SlurmVersion.V24_11);
        assertThat(b.runsInRoot()).isTrue();
        assertThat(b.needsMunge()).isTrue();
        // the hooks, run inside the root by its slurmctld, name the wrappers (which see they are inside the root)
        assertThat(b.scontrol()).isEqualTo(dir.resolve("tmp/esl-slurm-24.11/scontrol"));
        assertThat(b.slurmd()).isEqualTo(dir.resolve("tmp/esl-slurm-24.11/slurmd"));
        assertThat(Files.readString(b.slurmd())).contains(dir.resolve("roots/trixie-abc").toString())
                .contains("exe=/usr/sbin/slurmd");
    }

    @Test
    void aVersionWithoutItsRootIsUnavailableNamingTheCommandThatBuildsIt() throws IOException {
        Map<String, String> env = rootsWith("trixie-abc");

        assertThatThrownBy(() -> SlurmBinaries.realSlurm(SlurmVersion.V26_05, dir, env))
                .isInstanceOf(TargetUnavailableException.class)
                .hasMessageContaining("real-slurm --slurm-version 26.05: no Slurm 26.05 root (forky-*)")
                .hasMessageContaining("'sudo ci/slurm-root.sh forky'");
    }

    @Test
    void realSlurmForAnotherVersionRunsThatVersionsRealDaemons() throws IOException {
        Map<String, String> env = rootsWith("forky-abc");
        RealSlurmTarget debian = new RealSlurmTarget(SlurmBinaries.debian(), dir, Clock.systemUTC());
        RealSlurmTarget fake = new RealSlurmTarget(SlurmBinaries.fakeDropIns(dir.resolve("bin")), dir,
                Clock.systemUTC());

        assertThat(debian.forVersion(SlurmVersion.V22_05, env)).isSameAs(debian);
        Target v2605 = debian.forVersion(SlurmVersion.V26_05, env);
        assertThat(v2605).isInstanceOfSatisfying(RealSlurmTarget.class, t -> assertThat(t.binaries().realVersion())
                .contains(SlurmVersion.V26_05));
        assertThat(v2605.forVersion(SlurmVersion.V26_05, env)).isSameAs(v2605);
        assertThat(fake.slurmctldVersion()).isEqualTo(Optional.empty());
    }

    @Test
    void fakeRealtimeForAVersionTellsItsDropInsToEmulateIt() {
        RealSlurmTarget fake = new RealSlurmTarget(SlurmBinaries.fakeDropIns(dir.resolve("bin")), dir,
                Clock.systemUTC());

        Target v2411 = fake.forVersion(SlurmVersion.V24_11, Map.of());

        assertThat(v2411).isInstanceOfSatisfying(RealSlurmTarget.class, t -> {
            assertThat(t.kind()).isEqualTo(TargetKind.FAKE_REALTIME);
            assertThat(t.binaries().commands().environment()).containsEntry("ELASTIC_SLURM_VERSION", "24.11");
            assertThat(t.binaries().emulatedVersion()).contains(SlurmVersion.V24_11);
        });
        assertThat(v2411.forVersion(SlurmVersion.V24_11, Map.of())).isSameAs(v2411);
        assertThat(fake.binaries().emulatedVersion()).isEmpty();
    }
}
