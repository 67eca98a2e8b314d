package org.elasticslurm.provisioner.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The append-only operation log: one JSON object per transition and line
 * ({@code {"time":"...","operation":"...","kind":"RESUME","node":"test1","pool":"default","status":"RUNNING",
 * "phase":"BOOTING","message":"..."}}), flushed after every line. Read back after a restart to find
 * interrupted operations.
 */
public final class JsonLinesOperationLog implements OperationListener, Closeable {
    private final ObjectMapper json = new ObjectMapper();
    private final Path file;
    private final BufferedWriter out;

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> LOG_MODE =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");

    /**
     * Opens (creating it and its directory if needed) the log for appending.
     *
     * @throws UncheckedIOException when it cannot be opened
     */
    public JsonLinesOperationLog(Path file) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!Files.exists(file)) { // created with its final mode (0640), whatever the umask
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(LOG_MODE));
                Files.setPosixFilePermissions(file, LOG_MODE);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
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
            out.write(json.writeValueAsString(line));
            out.newLine();
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot append to the operation log " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The last logged operation of every node, from a log file (empty when it does not exist). Lines that
     * cannot be read (a torn last line after a crash) are skipped and counted in {@code skipped}.
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
            Optional<LoggedOperation> op = parse(json, raw);
            if (op.isPresent()) {
                last.put(op.get().node(), op.get());
            } else if (!raw.isBlank()) {
                skipped++;
            }
        }
        return new Replay(last, skipped);
    }

    private static Optional<LoggedOperation> parse(ObjectMapper json, String raw) {
        try {
            JsonNode n = json.readTree(raw);
            if (n == null || !n.hasNonNull("operation") || !n.hasNonNull("node")) {
                return Optional.empty();
            }
            return Optional.of(new LoggedOperation(n.get("operation").asText(),
                    OperationKind.valueOf(n.get("kind").asText()), n.get("node").asText(), n.path("pool").asText(),
                    OperationStatus.valueOf(n.get("status").asText()), Phase.valueOf(n.get("phase").asText()),
                    Optional.ofNullable(n.get("message")).map(JsonNode::asText)));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
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
        out.close();
    }
}
