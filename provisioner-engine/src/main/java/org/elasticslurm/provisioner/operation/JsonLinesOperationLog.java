package org.elasticslurm.provisioner.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only operation log: one JSON object per transition and line
 * ({@code {"time":"...","operation":"...","kind":"RESUME","node":"test1","pool":"default","status":"RUNNING",
 * "phase":"BOOTING","message":"..."}}). Read back after a restart to find interrupted operations.
 *
 * <p>Line-atomic: each line is handed to the file system in one write at the end of the last complete line.
 * A write that fails (e.g. "No space left on device") may leave part of a line behind; that part is cut off
 * before anything else is written, so it never merges with a later line. While writes fail,
 * {@link #failure()} names the cause; {@link #probe()} tries again and, once it succeeds, records
 * {@code {"time":"...","log":"writable again after: ..."}} (ignored when the log is read back).
 */
public final class JsonLinesOperationLog implements OperationJournal, Closeable {

    /** Opens the log file for reading and writing, creating it if needed. */
    @FunctionalInterface
    public interface Opener {
        /** The open file. */
        FileChannel open(Path file) throws IOException;
    }

    /** Opens the file itself. */
    public static final Opener DEFAULT_OPENER = f -> FileChannel.open(f, StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE);

    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    private final Clock clock;
    private final FileChannel channel;
    /** The end of the last complete line. */
    private long committed;
    /** Set after a failed write: the file may hold part of a line beyond {@link #committed}. */
    private boolean torn;
    private String failure;

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> LOG_MODE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");

    /**
     * Opens (creating it and its directory if needed) the log for appending.
     *
     * @throws UncheckedIOException when it cannot be opened
     */
    public JsonLinesOperationLog(Path file) {
        this(file, Clock.systemUTC(), DEFAULT_OPENER);
    }

    /**
     * Opens the log for appending; a torn last line (from a crash) is cut off first.
     *
     * @param file the log file
     * @param clock the time of the log's own lines
     * @param opener opens the file
     * @throws UncheckedIOException when it cannot be opened
     */
    public JsonLinesOperationLog(Path file, Clock clock, Opener opener) {
        this.file = file;
        this.clock = clock;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!Files.exists(file)) { // created with its final mode (0640), whatever the umask
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(LOG_MODE));
                Files.setPosixFilePermissions(file, LOG_MODE);
            }
            this.channel = opener.open(file);
            this.committed = endOfLastLine(channel);
            if (channel.size() != committed) {
                channel.truncate(committed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the operation log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void onEvent(OperationEvent e) {
        ObjectNode line = json.createObjectNode();
        line.put("time", e.time().toString());
        line.put("operation", e.operation());
        line.put("kind", e.kind().name());
        line.put("node", e.node());
        line.put("pool", e.pool());
        line.put("status", e.status().name());
        line.put("phase", e.phase().name());
        e.message().ifPresent(m -> line.put("message", m));
        try {
            append(line);
            failure = null;
        } catch (IOException ex) {
            failure = "cannot append to the operation log " + file + ": " + describe(ex);
            throw new OperationLogException(failure, ex);
        }
    }

    @Override
    public synchronized Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public synchronized boolean probe() {
        if (failure == null) {
            return true;
        }
        ObjectNode line = json.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("log", "writable again after: " + failure);
        try {
            append(line);
            failure = null;
            return true;
        } catch (IOException ex) {
            failure = "cannot append to the operation log " + file + ": " + describe(ex);
            return false;
        }
    }

    private void append(ObjectNode line) throws IOException {
        byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        if (torn) {
            channel.truncate(committed);
            torn = false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = committed;
        try {
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        } catch (IOException e) {
            torn = true;
            throw e;
        }
        committed = position;
    }

    private static long endOfLastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long p = size - 1; p >= 0; p--) {
            one.clear();
            channel.read(one, p);
            if (one.get(0) == '\n') {
                return p + 1;
            }
        }
        return 0;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The last logged operation of every node, from a log file (empty when it does not exist). Lines that
     * cannot be read (a torn last line after a crash) are skipped and counted in {@code skipped}; the log's own
     * lines ({@code "log"} without {@code "operation"}) are passed over.
     */
    public static Replay replay(Path file) {
        Map<String, LoggedOperation> last = new LinkedHashMap<>();
        int skipped = 0;
        if (!Files.exists(file)) {
            return new Replay(last, 0);
        }
        ObjectMapper json = new ObjectMapper();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operation log " + file + ": " + e.getMessage(), e);
        }
        for (String raw : lines) {
            if (raw.isBlank()) {
                continue;
            }
            JsonNode node = tree(json, raw);
            if (node != null && node.isObject() && node.has("log") && !node.has("operation")) {
                continue;
            }
            Optional<LoggedOperation> op = parse(node);
            if (op.isPresent()) {
                last.put(op.get().node(), op.get());
            } else {
                skipped++;
            }
        }
        return new Replay(last, skipped);
    }

    private static JsonNode tree(ObjectMapper json, String raw) {
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Optional<LoggedOperation> parse(JsonNode n) {
        try {
            if (n == null || !n.hasNonNull("operation") || !n.hasNonNull("node")) {
                return Optional.empty();
            }
            return Optional.of(new LoggedOperation(n.get("operation").asText(),
                    OperationKind.valueOf(n.get("kind").asText()), n.get("node").asText(), n.path("pool").asText(),
                    OperationStatus.valueOf(n.get("status").asText()), Phase.valueOf(n.get("phase").asText()),
                    Optional.ofNullable(n.get("message")).map(JsonNode::asText)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * The outcome of reading a log back.
     *
     * @param lastByNode the last logged operation per node
     * @param skipped unreadable lines
     */
    public record Replay(Map<String, LoggedOperation> lastByNode, int skipped) {
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
