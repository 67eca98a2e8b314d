package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds carry the munge key: the files written into seed-directory are the owner's alone. */
@RequiresLibvirtLibrary
class SeedFileModesTest {
    @TempDir
    Path dir;
    SeedDirectoryLab lab;

    @BeforeEach
    void setUp() throws IOException {
        lab = SeedDirectoryLab.open(dir);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void aSeedWrittenToTheSeedDirectoryIsReadableAndWritableByItsOwnerOnly() throws IOException {
        lab.backend().ensureRunning(new MachineRequest("test1", "cloud", "op-1"));

        Path seed = lab.seeds().resolve("test1-seed.iso");
        assertThat(new String(Files.readAllBytes(seed), StandardCharsets.ISO_8859_1)).contains(java.util.Base64.getEncoder()
                .encodeToString("the-munge-key-0123456789".getBytes(StandardCharsets.US_ASCII)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(seed))).isEqualTo("rw-------");
    }

    @Test
    void aSeedLeftBehindWithAWiderModeIsReplacedByAPrivateOne() throws IOException {
        Path seed = lab.seeds().resolve("test2-seed.iso");
        Files.write(seed, new byte[] {1});
        Files.setPosixFilePermissions(seed, PosixFilePermissions.fromString("rw-rw-rw-"));

        lab.backend().ensureRunning(new MachineRequest("test2", "cloud", "op-2"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(seed))).isEqualTo("rw-------");
        assertThat(Files.size(seed)).isGreaterThan(1);
    }

    @Test
    void aSeedThatCannotBeWrittenNamesTheCause() throws IOException {
        Files.delete(lab.seeds());

        assertThatThrownBy(() -> lab.backend().ensureRunning(new MachineRequest("test1", "cloud", "op-1")))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("cannot write seed " + lab.seeds().resolve("test1-seed.iso")
                        + ": No such file or directory");
    }
}
