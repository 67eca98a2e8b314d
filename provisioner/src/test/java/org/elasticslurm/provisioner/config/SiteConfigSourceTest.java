package org.elasticslurm.provisioner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the service's site configuration comes from. */
class SiteConfigSourceTest {
    @TempDir
    Path dir;

    @Test
    void withoutAnythingNamedTheFixedPathIsRead() {
        assertThat(SiteConfigSource.location(null, null))
                .isEqualTo(new SiteConfigSource.Location(Path.of("/etc/elastic-slurm/provisioner.properties"), false));
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertThat(SiteConfigSource.location("/a.properties", "/b.properties").file()).isEqualTo(Path.of("/a.properties"));
        assertThat(SiteConfigSource.location(null, "/b.properties").file()).isEqualTo(Path.of("/b.properties"));
        assertThat(SiteConfigSource.location(null, "none").file()).isNull();
    }

    @Test
    void aMissingFileAtTheDefaultPathMeansDefaultsButANamedOneMustExist() {
        Path missing = dir.resolve("missing.properties");

        assertThat(SiteConfigSource.read(new SiteConfigSource.Location(missing, false))).isEmpty();
        assertThatThrownBy(() -> SiteConfigSource.read(new SiteConfigSource.Location(missing, true)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("ELASTIC_SLURM_CONFIG");
    }

    @Test
    void theFilesKeysAreReadWithoutSurroundingBlanks() throws Exception {
        Path f = dir.resolve("p.properties");
        Files.writeString(f, "# comment\nprovisioner.max-parallel = 3  \n#provisioner.backend=libvirt\n");

        assertThat(SiteConfigSource.read(new SiteConfigSource.Location(f, true)))
                .containsExactlyEntriesOf(java.util.Map.of("provisioner.max-parallel", "3"));
    }
}
