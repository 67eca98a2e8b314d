package org.elasticslurm.conf.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void theWholeContentIsReplacedAndNoTemporaryFileIsLeft() throws IOException {
        Path file = dir.resolve("verdict");
        Files.writeString(file, "old content that is longer than the new one\n");

        AtomicFiles.replace(file, t -> Files.writeString(t, "new\n"));

        assertThat(file).hasContent("new");
        assertThat(dir).isDirectoryNotContaining(p -> !p.equals(file));
    }

    @Test
    void aMissingFileIsCreated() throws IOException {
        Path file = dir.resolve("new-file");

        AtomicFiles.replace(file, t -> Files.writeString(t, "x"));

        assertThat(file).hasContent("x");
    }

    @Test
    void theGivenModeIsSetOnTheReplacedFile() throws IOException {
        Path file = dir.resolve("slurm-resume");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        AtomicFiles.replace(file, t -> Files.writeString(t, "#!/bin/sh\n"),
                PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void withoutAModeTheFileIsReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("kept");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));

        AtomicFiles.replace(file, t -> Files.writeString(t, "new"));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void whenWritingFailsTheFileIsUnchangedAndTheTemporaryFileRemoved() throws IOException {
        Path file = dir.resolve("hooks.jar");
        Files.writeString(file, "old");

        assertThatThrownBy(() -> AtomicFiles.replace(file, t -> {
            Files.writeString(t, "half");
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(file).hasContent("old");
        assertThat(dir).isDirectoryNotContaining(p -> !p.equals(file));
    }

    @Test
    void whenTheMoveFailsTheTemporaryFileIsRemoved() throws IOException {
        Path target = dir.resolve("a-directory");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "keeps the directory non-empty");

        assertThatThrownBy(() -> AtomicFiles.replace(target, t -> Files.writeString(t, "new")))
                .isInstanceOf(IOException.class);

        assertThat(target.resolve("inside")).hasContent("keeps the directory non-empty");
        assertThat(dir).isDirectoryNotContaining(p -> !p.equals(target));
    }
}
