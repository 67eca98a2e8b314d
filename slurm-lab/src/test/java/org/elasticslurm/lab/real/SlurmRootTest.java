package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmRootTest {

    @TempDir
    Path base;

    @Test
    void theRootOfAVersionIsItsSuitesDirectoryWithASlurmctld() throws IOException {
        Path trixie = root("trixie-aaaa");
        root("forky-bbbb");

        assertThat(SlurmRoot.find("24.11", base)).contains(new SlurmRoot("24.11", "trixie", trixie));
    }

    @Test
    void aRootBeingBuiltOrWithoutSlurmctldIsNotTaken() throws IOException {
        Files.createDirectories(base.resolve(".trixie-aaaa.XYZ/usr/sbin"));
        Files.createDirectories(base.resolve("trixie-aaaa/usr/sbin"));

        assertThat(SlurmRoot.find("24.11", base)).isEmpty();
    }

    @Test
    void ofSeveralRootsOfAVersionTheNewestIsTaken() throws IOException {
        Path old = root("forky-0000");
        Path recent = root("forky-1111");
        Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(recent, FileTime.fromMillis(2_000_000));

        assertThat(SlurmRoot.find("26.05", base)).map(SlurmRoot::path).contains(recent);
    }

    @Test
    void aMissingRootIsRefusedWithTheCommandThatBuildsIt() {
        assertThatThrownBy(() -> SlurmRoot.require("26.05", base))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Slurm 26.05 root (forky-*) in " + base)
                .hasMessageContaining("ci/slurm-root.sh forky");
    }

    @Test
    void aVersionNoRootGivesIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> SlurmRoot.find("22.05", base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'22.05'")
                .hasMessageContaining("24.11, 26.05");
    }

    @Test
    void theRootsDirectoryCanBeMovedByTheEnvironment() {
        assertThat(SlurmRoot.base(Map.of("ELASTIC_SLURM_ROOTS", "/srv/roots"))).isEqualTo(Path.of("/srv/roots"));
        assertThat(SlurmRoot.base(Map.of())).isEqualTo(SlurmRoot.DEFAULT_BASE);
    }

    @Test
    void anExecutableIsNamedAsTheRootSeesIt() throws IOException {
        SlurmRoot root = new SlurmRoot("24.11", "trixie", root("trixie-aaaa"));

        assertThat(root.executable("slurmctld")).isEqualTo("/usr/sbin/slurmctld");
        assertThat(root.executable("scontrol")).isEqualTo("/usr/bin/scontrol");
    }

    /** A root whose slurmctld is a link to the alternatives, as Debian installs it (dangling outside the root). */
    private Path root(String name) throws IOException {
        Path dir = base.resolve(name);
        Files.createDirectories(dir.resolve("usr/sbin"));
        Files.createSymbolicLink(dir.resolve("usr/sbin/slurmctld"), Path.of("/etc/alternatives/no-such-slurmctld"));
        return dir;
    }
}
