package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.elasticslurm.lab.process.LabException;
import org.elasticslurm.lab.trace.LabText;
import org.elasticslurm.lab.trace.TraceLine;
import org.elasticslurm.lab.trace.TraceRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node states read from a controller's node-state feed: each recorded at the time of its line. */
class NodeStateFeedReaderTest {

    @TempDir
    Path dir;
    private Path feed;
    private TraceRecorder recorder;
    private NodeStateFeedReader reader;
    private long startMillis;

    @BeforeEach
    void startRecording() throws IOException {
        feed = dir.resolve("slurmctld.state-feed");
        recorder = new TraceRecorder(dir.resolve("trace"), dir.resolve("start"), Clock.systemUTC(),
                new LabText(dir, "host"));
        recorder.start();
        startMillis = Long.parseLong(Files.readString(dir.resolve("start")).strip()) / 1000;
        reader = new NodeStateFeedReader(feed, List.of("node1", "node2"), recorder, () -> { });
    }

    /** Appends feed lines; each is {@code MILLIS_AFTER_START NODE STATE}. */
    private void feed(String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            String[] w = line.split(" ");
            text.append(startMillis + Long.parseLong(w[0])).append(' ').append(w[1]).append(' ').append(w[2])
                    .append('\n');
        }
        Files.writeString(feed, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private List<String> recordedStates() {
        return recorder.snapshot().ofKind("state").stream().map(TraceLine::format).toList();
    }

    @Test
    void eachLineIsRecordedAtItsOwnTimeHoweverShortTheState() throws IOException {
        feed("-5000 node1 IDLE+CLOUD+POWERED_DOWN", "-5000 node2 IDLE+CLOUD+POWERED_DOWN",
                "1003 node1 ALLOCATED+CLOUD+POWERED_DOWN", "1008 node1 ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP",
                "2550 node3 IDLE", "2551 node2 IDLE");

        reader.read();

        assertThat(recordedStates()).containsExactly("0.0 state node1 IDLE+CLOUD+POWERED_DOWN",
                "0.0 state node2 IDLE+CLOUD+POWERED_DOWN", "1.0 state node1 ALLOCATED+CLOUD+POWERED_DOWN",
                "1.0 state node1 ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP", "2.5 state node2 IDLE");
        assertThat(reader.current("node1")).contains("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP");
    }

    @Test
    void aLineIsReadOnlyOnceItsEndIsWritten() throws IOException {
        Files.writeString(feed, startMillis + " node1 IDLE+CL");
        reader.read();
        assertThat(reader.current("node1")).isEmpty();

        Files.writeString(feed, "OUD\n", StandardOpenOption.APPEND);
        reader.read();

        assertThat(reader.current("node1")).contains("IDLE+CLOUD");
        assertThat(recordedStates()).containsExactly("0.0 state node1 IDLE+CLOUD");
    }

    @Test
    void aWaitSeesAStateThatHeldBeforeItsDeadlineThoughItHasChangedSince() throws IOException {
        feed("-5000 node1 IDLE+CLOUD+POWERED_DOWN", "100 node1 ALLOCATED+CLOUD+POWERED_DOWN",
                "105 node1 ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP");

        assertThat(reader.awaitState("node1", "ALLOCATED+CLOUD+POWERED_DOWN", Duration.ofSeconds(10))).isTrue();
        assertThat(reader.current("node1")).contains("ALLOCATED+CLOUD+NOT_RESPONDING+POWERING_UP");
    }

    @Test
    void aWaitPastItsDeadlineStillSeesALineDatedBeforeItThatIsWrittenLate() throws Exception {
        feed("-5000 node1 IDLE+CLOUD+POWERED_DOWN");
        reader.read();
        CompletableFuture<Boolean> wait = CompletableFuture.supplyAsync(
                () -> reader.awaitState("node1", "IDLE+CLOUD", Duration.ofMillis(200)));
        await("the wait's 200 ms deadline has passed").atMost(Duration.ofSeconds(5))
                .until(() -> recorder.elapsed().toMillis() >= 400);

        feed("50 node1 IDLE+CLOUD");

        assertThat(wait.get()).isTrue();
    }

    @Test
    void aWaitForAStateTheNodeNeverTookIsNotReached() throws IOException {
        feed("-5000 node1 IDLE+CLOUD+POWERED_DOWN", "-5000 node2 IDLE+CLOUD");

        assertThat(reader.awaitState("node1", "IDLE+CLOUD", Duration.ofMillis(200))).isFalse();
        assertThat(reader.current("node1")).contains("IDLE+CLOUD+POWERED_DOWN");
    }

    @Test
    void aLineThatIsNotAFeedLineIsRefusedNamingIt() throws IOException {
        Files.writeString(feed, "node1 IDLE\n");

        assertThatThrownBy(reader::read).isInstanceOf(LabException.class)
                .hasMessageContaining("'node1 IDLE' is not 'EPOCH_MILLIS NODE STATE'");
    }
}
