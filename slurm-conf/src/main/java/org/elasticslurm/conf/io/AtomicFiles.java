package org.elasticslurm.conf.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces a file as a whole: the new content is written to a temporary file in the same directory
 * ({@code .<name>.<random>.tmp}), given its mode, then moved over the file atomically. A reader sees the old or the
 * new file, never a part of it; on failure the file is unchanged and the temporary file is removed.
 */
public final class AtomicFiles {

    /** Writes the new content into the (empty) temporary file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param temp the temporary file, existing and empty
         * @throws IOException when writing fails
         */
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} by what {@code content} writes, with the mode {@code mode}. The directory must exist.
     *
     * @param target the file to replace or create
     * @param content writes the new content
     * @param mode the mode the file has once replaced
     * @throws IOException when writing, setting the mode or moving fails; {@code target} is then unchanged
     */
    public static void replace(Path target, Content content, Set<PosixFilePermission> mode) throws IOException {
        replace(target, content, Optional.of(mode));
    }

    /**
     * Replaces {@code target} by what {@code content} writes; the file gets the mode of a new temporary file
     * (0600 on POSIX file systems: owner only). The directory must exist.
     *
     * @param target the file to replace or create
     * @param content writes the new content
     * @throws IOException when writing or moving fails; {@code target} is then unchanged
     */
    public static void replace(Path target, Content content) throws IOException {
        replace(target, content, Optional.empty());
    }

    private static void replace(Path target, Content content, Optional<Set<PosixFilePermission>> mode)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            content.writeTo(temp);
            if (mode.isPresent()) {
                Files.setPosixFilePermissions(temp, mode.get());
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
