package org.elasticslurm.fake.hook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * SLURM_RESUME_FILE, readable only while the program runs. slurmctld 22.05 writes the JSON to a memfd and passes
 * {@code /proc/<slurmctld pid>/fd/<N>}, which stops working when it closes the fd at reap time. This does the same
 * with a private (0600) temporary file: it is opened, then deleted, and the program gets
 * {@code /proc/<this JVM's pid>/fd/<N>} of the open descriptor; closing it makes the path unreadable. Where
 * /proc cannot be used the file is kept under its own name and deleted on close instead.
 */
final class ResumeFile implements AutoCloseable {

    private final FileChannel channel;
    private final String path;
    private final Path keptFile;

    private ResumeFile(FileChannel channel, String path, Path keptFile) {
        this.channel = channel;
        this.path = path;
        this.keptFile = keptFile;
    }

    static ResumeFile create(String json, Path directory) {
        try {
            Path file = Files.createTempFile(directory, "resumeprog", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, json);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            Optional<Integer> fd = descriptorOf(file.toRealPath());
            if (fd.isPresent()) {
                Files.delete(file);
                return new ResumeFile(channel, "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd.get(), null);
            }
            return new ResumeFile(channel, file.toString(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the resume file in " + directory, e);
        }
    }

    /** The value of SLURM_RESUME_FILE. */
    String path() {
        return path;
    }

    @Override
    public void close() {
        try {
            channel.close();
            if (keptFile != null) {
                Files.deleteIfExists(keptFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the resume file " + path, e);
        }
    }

    private static Optional<Integer> descriptorOf(Path file) {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(fds)) {
            return entries.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).equals(file);
                } catch (IOException e) {
                    return false;
                }
            }).map(p -> Integer.parseInt(p.getFileName().toString())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
