package org.elasticslurm.provisioner.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A creation rolled back half-way (the hypervisor went away while it was undone) can leave the node's domain
 * defined without its seed or overlay; the next resume makes it anew instead of starting a domain that cannot
 * start ("Cannot access storage file").
 */
@RequiresLibvirtLibrary
class IncompleteDomainTest {
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
    void aStoppedDomainWhoseSeedFileIsGoneIsMadeAnewWithASeed() {
        lab.backend().ensureRunning(new MachineRequest("test1", "cloud", "op-1"));
        lab.host().destroy("test1");
        Path seed = lab.seeds().resolve("test1-seed.iso");
        assertThat(seed).exists();
        deleteQuietly(seed);

        lab.backend().ensureRunning(new MachineRequest("test1", "cloud", "op-2"));

        assertThat(seed).as("the seed the domain boots with").exists();
        assertThat(lab.host().domain("test1")).hasValueSatisfying(d -> {
            assertThat(d.state().active()).as("running").isTrue();
            assertThat(d.metadata().orElseThrow().operationId()).as("made by the second resume").isEqualTo("op-2");
        });
    }

    @Test
    void aStoppedDomainWhoseOverlayIsGoneIsMadeAnewWithAnOverlay() {
        lab.backend().ensureRunning(new MachineRequest("test2", "cloud", "op-1"));
        lab.host().destroy("test2");
        lab.host().deleteVolume("images", "test2.qcow2");

        lab.backend().ensureRunning(new MachineRequest("test2", "cloud", "op-2"));

        assertThat(lab.host().volume("images", "test2.qcow2")).as("the overlay the domain boots from").isPresent();
        assertThat(lab.host().domain("test2")).hasValueSatisfying(d -> assertThat(d.state().active()).isTrue());
    }

    @Test
    void aStoppedDomainWithEverythingItListsIsStartedAsItIs() {
        lab.backend().ensureRunning(new MachineRequest("test1", "cloud", "op-1"));
        lab.host().destroy("test1");

        lab.backend().ensureRunning(new MachineRequest("test1", "cloud", "op-2"));

        assertThat(lab.host().domain("test1")).hasValueSatisfying(d -> {
            assertThat(d.state().active()).isTrue();
            assertThat(d.metadata().orElseThrow().operationId()).as("the first resume's domain, kept")
                    .isEqualTo("op-1");
        });
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
