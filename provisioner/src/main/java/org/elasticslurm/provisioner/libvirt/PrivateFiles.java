package org.elasticslurm.provisioner.libvirt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold secrets (seeds carry the munge key): created with mode 0600 from the start, whatever the
 * umask, never widened; a file of that name left behind is replaced, not reused with its old mode.
 */
final class PrivateFiles {
    /** Owner read and write only. */
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Writes {@code content} into a new file of mode 0600 (an old file of that name is deleted first). */
    static void write(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        try (SeekableByteChannel out = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            Files.setPosixFilePermissions(file, OWNER_ONLY); // exact, whatever the umask removed
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
    }

    /**
     * Why an I/O operation failed, in the system's words ("No space left on device", "Permission denied"):
     * Java puts only the file name into the message of several exceptions.
     */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        return e.getMessage() != null && !(e instanceof FileSystemException) ? e.getMessage()
                : e.getClass().getSimpleName();
    }
}
