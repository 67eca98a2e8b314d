package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.elasticslurm.lab.trace.LabText;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceLine;
import org.elasticslurm.lab.trace.TraceRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler's period with a {@code scontrol} slower than the period (a drop-in command whose JVM starts slowly on
 * a busy machine): a stand-in that reads the node's state from a file at once, notes its call and answers later.
 */
class NodeStateSamplerPeriodTest {

    @TempDir
    Path dir;

    @Test
    void samplesStartEveryPeriodWhileEarlierOnesStillRun() throws IOException {
        Path calls = dir.resolve("calls");
        Path state = dir.resolve("state");
        Files.writeString(state, "IDLE+CLOUD");
        TraceRecorder recorder = recorder();
        try (NodeStateSampler sampler = sampler(slowScontrol("sleep 2"), state, calls, recorder)) {
            sampler.start();

            // one after another (the first, then one per 2 s call) it would be 3 calls in 6 s
            await("five scontrol calls started, each answering after 2 s")
                    .atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lines(calls) >= 5);
        }
    }

    @Test
    void samplesAreAppliedInTheOrderTheyWereStartedWhateverOrderTheyEndIn() throws IOException {
        Path calls = dir.resolve("calls");
        Path state = dir.resolve("state");
        Files.writeString(state, "IDLE+CLOUD+POWERED_DOWN");
        TraceRecorder recorder = recorder();
        // the first periodic call (the second call) answers after 2 s, the others at once
        Path slowDone = dir.resolve("slow-done");
        try (NodeStateSampler sampler = sampler(slowScontrol("[ \"$(wc -l < \"$CALLS\")\" -eq 2 ] && sleep 2 && touch "
                + slowDone), state, calls, recorder)) {
            sampler.start();
            await("the first periodic call has read the state").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(20)).until(() -> lines(calls) >= 2);
            Files.writeString(state, "IDLE+CLOUD");

            await("the slow call answered").atMost(Duration.ofSeconds(10)).until(() -> Files.exists(slowDone));
            long afterSlow = lines(calls);
            await("two calls started after it").atMost(Duration.ofSeconds(10)).until(() -> lines(calls) >= afterSlow + 2);
        }
        Trace trace = recorder.snapshot();
        assertThat(trace.ofKind("state")).extracting(TraceLine::text)
                .containsExactly("node1 IDLE+CLOUD+POWERED_DOWN", "node1 IDLE+CLOUD");
    }

    @Test
    void closingWhileSamplesAreUnderWayEndsThemWithoutAnError() throws IOException {
        Path calls = dir.resolve("calls");
        Path state = dir.resolve("state");
        Files.writeString(state, "IDLE+CLOUD");
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        try {
            NodeStateSampler sampler = sampler(slowScontrol("[ \"$(wc -l < \"$CALLS\")\" -ge 2 ] && sleep 5"), state,
                    calls, recorder());
            sampler.start();
            await("a periodic sample under way").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> lines(calls) >= 2);

            sampler.close();

            await("no sample thread fails after the close").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2)).until(uncaught::isEmpty);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    private TraceRecorder recorder() {
        TraceRecorder recorder = new TraceRecorder(dir.resolve("trace"), dir.resolve("start"), Clock.systemUTC(),
                new LabText(dir, "host"));
        recorder.start();
        return recorder;
    }

    /** A stand-in scontrol: reads $STATE_FILE, notes its call in $CALLS, runs {@code delay}, answers. */
    private Path slowScontrol(String delay) throws IOException {
        Path scontrol = dir.resolve("scontrol");
        Files.writeString(scontrol, """
                #!/bin/sh
                state=$(cat "$STATE_FILE")
                echo call >> "$CALLS"
                %s
                echo "NodeName=node1 Arch=x86_64 State=$state Weight=1"
                """.formatted(delay));
        Files.setPosixFilePermissions(scontrol, PosixFilePermissions.fromString("rwxr-xr-x"));
        return scontrol;
    }

    private NodeStateSampler sampler(Path scontrol, Path state, Path calls, TraceRecorder recorder) {
        return new NodeStateSampler(List.of(scontrol.toString()), Map.of("STATE_FILE", state.toString(),
                "CALLS", calls.toString(), "PATH", "/usr/bin:/bin"), dir, List.of("node1"), recorder, () -> { });
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
