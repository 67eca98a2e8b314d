package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesOperationLogTest {
    @TempDir
    Path dir;

    private static OperationEvent event(String op, String node, OperationStatus status, Phase phase, String message) {
        return new OperationEvent(Instant.parse("2026-01-01T00:00:00Z"), op, OperationKind.RESUME, node, "default",
                status, phase, Optional.ofNullable(message));
    }

    @Test
    void aNewLogIsCreatedReadableByOwnerAndGroupOnly() throws Exception {
        Path file = dir.resolve("ops.jsonl");
        try (JsonLinesOperationLog log = new JsonLinesOperationLog(file)) {
            log.onEvent(event("a", "test1", OperationStatus.RUNNING, Phase.CREATING, "started"));
        }

        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
    }

    @Test
    void everyEventIsOneJsonLineAppendedAcrossReopens() throws Exception {
        Path file = dir.resolve("sub/ops.jsonl");
        try (JsonLinesOperationLog log = new JsonLinesOperationLog(file)) {
            log.onEvent(event("a", "test1", OperationStatus.RUNNING, Phase.CREATING, "started"));
        }
        try (JsonLinesOperationLog log = new JsonLinesOperationLog(file)) {
            log.onEvent(event("a", "test1", OperationStatus.SUCCEEDED, Phase.READY, "line1\nline2 \"quoted\""));
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(second.get("message").asText()).isEqualTo("line1\nline2 \"quoted\"");
    }

    @Test
    void replayGivesTheLastOperationOfEachNodeAndSkipsATornLastLine() throws Exception {
        Path file = dir.resolve("ops.jsonl");
        try (JsonLinesOperationLog log = new JsonLinesOperationLog(file)) {
            log.onEvent(event("a", "test1", OperationStatus.RUNNING, Phase.CREATING, null));
            log.onEvent(event("a", "test1", OperationStatus.SUCCEEDED, Phase.READY, null));
            log.onEvent(event("b", "test2", OperationStatus.RUNNING, Phase.BOOTING, null));
        }
        Files.writeString(file, "{\"time\":\"2026-01-01T00:00:01Z\",\"operation\":\"c\",\"ki", StandardOpenOption.APPEND);

        JsonLinesOperationLog.Replay replay = JsonLinesOperationLog.replay(file);

        assertThat(replay.skipped()).isEqualTo(1);
        assertThat(replay.lastByNode().get("test1").status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(replay.lastByNode().get("test2").id()).isEqualTo("b");
        assertThat(replay.lastByNode().get("test2").status()).isEqualTo(OperationStatus.RUNNING);
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNoPartOfItsLineInFrontOfTheNextLine() throws Exception {
        Path file = dir.resolve("ops.jsonl");
        java.util.concurrent.atomic.AtomicReference<FullDiskChannel> channel = new java.util.concurrent.atomic.AtomicReference<>();
        try (JsonLinesOperationLog log = new JsonLinesOperationLog(file, java.time.Clock.systemUTC(), f -> {
            channel.set(new FullDiskChannel(JsonLinesOperationLog.DEFAULT_OPENER.open(f)));
            return channel.get();
        })) {
            log.onEvent(event("a", "test1", OperationStatus.RUNNING, Phase.CREATING, "started"));
            channel.get().room = 20;

            assertThatThrownBy(() -> log.onEvent(event("a", "test1", OperationStatus.RUNNING, Phase.BOOTING, "boot")))
                    .isInstanceOf(OperationLogException.class).hasMessageContaining("No space left on device")
                    .hasMessageContaining(file.toString());
            assertThat(Files.size(file)).as("part of a line was written").isGreaterThan(
                    Files.readAllLines(file).get(0).length() + 1L);
            assertThat(log.failure()).hasValueSatisfying(f -> assertThat(f).contains("No space left on device"));
            assertThat(log.probe()).isFalse();

            channel.get().room = -1;
            assertThat(log.probe()).isTrue();
            assertThat(log.failure()).isEmpty();
            log.onEvent(event("a", "test1", OperationStatus.SUCCEEDED, Phase.READY, "done"));
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(l -> assertThat(new ObjectMapper().readTree(l).isObject()).isTrue());
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("log").asText())
                .startsWith("writable again after: cannot append to the operation log").contains("No space left");
        JsonLinesOperationLog.Replay replay = JsonLinesOperationLog.replay(file);
        assertThat(replay.skipped()).isZero();
        assertThat(replay.lastByNode().get("test1").status()).isEqualTo(OperationStatus.SUCCEEDED);
    }

    @Test
    void aTornLastLineLeftByACrashIsCutOffBeforeTheNextLineIsAppended() throws Exception {
        Path file = dir.resolve("ops.jsonl");
        try (JsonLinesOperationLog log = new JsonLinesOperationLog(file)) {
            log.onEvent(event("a", "test1", OperationStatus.RUNNING, Phase.CREATING, null));
        }
        Files.writeString(file, "{\"time\":\"2026-01-01T00:00:01Z\",\"operation\":\"c\",\"ki", StandardOpenOption.APPEND);

        try (JsonLinesOperationLog log = new JsonLinesOperationLog(file)) {
            log.onEvent(event("b", "test2", OperationStatus.RUNNING, Phase.BOOTING, null));
        }

        JsonLinesOperationLog.Replay replay = JsonLinesOperationLog.replay(file);
        assertThat(replay.skipped()).isZero();
        assertThat(replay.lastByNode().get("test2").id()).isEqualTo("b");
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void replayOfAMissingLogIsEmpty() {
        assertThat(JsonLinesOperationLog.replay(dir.resolve("none.jsonl")).lastByNode()).isEmpty();
    }
}
