package org.elasticslurm.testsupport.cpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where the holdings of CPU slots ({@link SlotUse}) are written when {@value #FILE} names a file: one line each,
 * appended, by every JVM given the same file (each line is one write to a file opened for appending, so the lines
 * of concurrent JVMs do not mix). It shows how long each costed test waited for its slots and held them; blank or
 * unset, nothing is written.
 */
public final class SlotUsageLog {

    /** System property: the file the holdings are appended to (blank: none). */
    public static final String FILE = "test.cpu-slots.log";

    private final Optional<Path> file;
    private boolean warned;

    SlotUsageLog(Optional<Path> file) {
        this.file = file;
    }

    /** The log this JVM's {@value #FILE} names, or one that writes nothing. */
    static SlotUsageLog fromSystemProperties() {
        String value = System.getProperty(FILE, "");
        return new SlotUsageLog(value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip())));
    }

    /**
     * Appends the line of {@code use}. A file that cannot be written fails no test: the first failure is said once
     * on standard error.
     */
    synchronized void record(SlotUse use) {
        if (file.isEmpty()) {
            return;
        }
        Path path = file.get();
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                out.write(ByteBuffer.wrap((use.line() + "\n").getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                System.err.println("CPU slot log " + path + " (-D" + FILE + "): cannot append: " + e);
            }
        }
    }
}
