package org.elasticslurm.scenarios.target.provisioned;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunProcessesTest {
    @TempDir
    Path dir;

    @Test
    void aPathInsideTheDirectoryOrTheDirectoryItselfNamesIt() {
        assertThat(RunProcesses.namesPath("/tmp/junit123/slurmd", "/tmp/junit123")).isTrue();
        assertThat(RunProcesses.namesPath("/usr/sbin/slurmd\0-f\0/tmp/junit123\0", "/tmp/junit123")).isTrue();
        assertThat(RunProcesses.namesPath("SLURM_CONF=/tmp/junit123/slurm.conf\0", "/tmp/junit123")).isTrue();
        assertThat(RunProcesses.namesPath("/tmp/junit123", "/tmp/junit123")).isTrue();
        assertThat(RunProcesses.namesPath("-Dx=/tmp/junit1234/a -Dy=/tmp/junit123:/b", "/tmp/junit123")).isTrue();
    }

    @Test
    void aDirectoryWhoseNameBeginsWithTheRunsIsNotTheRuns() {
        assertThat(RunProcesses.namesPath("/tmp/junit1234/slurmd", "/tmp/junit123")).isFalse();
        assertThat(RunProcesses.namesPath("SLURM_CONF=/tmp/junit123-b/slurm.conf\0", "/tmp/junit123")).isFalse();
        assertThat(RunProcesses.namesPath("/tmp/junit1234", "/tmp/junit123")).isFalse();
    }

    @Test
    void aProcessWorkingInAnotherRunsDirectoryWhoseNamePrefixIsOursIsNotOurs() throws Exception {
        Path ours = Files.createDirectories(dir.resolve("run123"));
        Path theirs = Files.createDirectories(dir.resolve("run1234"));
        Process p = new ProcessBuilder("sleep", "60").directory(theirs.toFile()).start();
        try {
            assertThat(RunProcesses.names(p.pid(), theirs)).isTrue();
            assertThat(RunProcesses.names(p.pid(), ours)).isFalse();
        } finally {
            p.destroyForcibly().waitFor();
        }
    }
}
