package org.elasticslurm.scenarios.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchDirectoriesTest {

    @TempDir
    Path parent;

    private final long self = ProcessHandle.current().pid();

    @Test
    void directoriesAreNamedAfterTheOwningProcessAndNumbered() {
        ScratchDirectories scratch = new ScratchDirectories(parent, "esfr");

        Path first = scratch.create();
        Path second = scratch.create();

        assertThat(first.getFileName()).hasToString("esfr-" + self + "-1");
        assertThat(second.getFileName()).hasToString("esfr-" + self + "-2");
        assertThat(scratch.owner(first)).hasValue(self);
        assertThat(scratch.owner(parent.resolve("esfr-12"))).isEmpty();
        assertThat(scratch.owner(parent.resolve("esrs-" + self + "-1"))).isEmpty();
    }

    @Test
    void sweepRemovesOnlyDirectoriesOfDeadOwnersAfterStoppingTheirProcesses() throws Exception {
        long dead = deadPid();
        Path left = Files.createDirectories(parent.resolve("esfr-" + dead + "-3/lab"));
        Files.writeString(left.resolve("slurm.conf"), "ClusterName=lab\n");
        Path live = new ScratchDirectories(parent, "esfr").create();
        Path otherKind = Files.createDirectory(parent.resolve("esrs-" + dead + "-1"));
        Path notOurs = Files.createDirectory(parent.resolve("esfr-notes"));
        List<Path> stopped = new ArrayList<>();

        List<Path> removed = new ScratchDirectories(parent, "esfr").sweep(stopped::add);

        assertThat(removed).containsExactly(parent.resolve("esfr-" + dead + "-3"));
        assertThat(stopped).containsExactly(parent.resolve("esfr-" + dead + "-3"));
        assertThat(parent.resolve("esfr-" + dead + "-3")).doesNotExist();
        assertThat(live).isDirectory();
        assertThat(otherKind).isDirectory();
        assertThat(notOurs).isDirectory();
    }

    @Test
    void aPrefixThatCouldNotBeParsedBackIsRefused() {
        assertThatThrownBy(() -> new ScratchDirectories(parent, "es_fr"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'es_fr'");
    }

    /** The PID of a process that has ended (this JVM's own short-lived child). */
    private static long deadPid() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/true").start();
        p.waitFor();
        assertThat(ProcessHandle.of(p.pid())).isEmpty();
        return p.pid();
    }
}
