package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
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
        Path times = dir.resolve("times");
        Files.writeString(state, "IDLE+CLOUD");
        TraceRecorder recorder = recorder();
        try (NodeStateSampler sampler = sampler(slowScontrol("echo \"start $$ $(date +%s%N)\" >> " + times
                + "; sleep 2; echo \"end $$ $(date +%s%N)\" >> " + times), state, calls, recorder)) {
            sampler.start();

            await("three scontrol calls answered, each after 2 s").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readAllLines(times).stream().filter(l -> l.startsWith("end ")).count() >= 3);
        }
        List<long[]> byStart = startAndEndByCall(times);
        // one after another, each call would start after the one before it answered
        assertThat(byStart.get(2)[0]).as("second periodic call started before the first periodic one answered")
                .isLessThan(byStart.get(1)[1]);
    }

    /** {start, end} in ns of each call that answered, in the order they started. */
    private static List<long[]> startAndEndByCall(Path times) throws IOException {
        Map<String, long[]> byPid = new HashMap<>();
        for (String line : Files.readAllLines(times)) {
            String[] f = line.split(" ");
            byPid.computeIfAbsent(f[1], pid -> new long[] {0, Long.MAX_VALUE})[f[0].equals("start") ? 0 : 1] =
                    Long.parseLong(f[2]);
        }
        return byPid.values().stream().filter(t -> t[1] != Long.MAX_VALUE).sorted(Comparator.comparingLong(t -> t[0]))
                .toList();
    }

    @Test
    void aSampleStartedBeforeTheWaitDoesNotCountOnceANewerOneShowsAnotherState() throws IOException {
        Path calls = dir.resolve("calls");
        Path state = dir.resolve("state");
        Files.writeString(state, "IDLE+CLOUD+POWERED_DOWN");
        // the first two periodic calls (calls 2 and 3) answer after 2 s, the others at once
        try (NodeStateSampler sampler = sampler(slowScontrol("n=$(wc -l < \"$CALLS\"); [ \"$n\" -eq 2 ] "
                + "|| [ \"$n\" -eq 3 ] && sleep 2"), state, calls, recorder())) {
            sampler.start();
            Files.writeString(state, "IDLE+CLOUD");
            await("call 2 has read IDLE+CLOUD").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> lines(calls) >= 2);
            Files.writeString(state, "ALLOCATED+CLOUD");
            await("call 3 has read ALLOCATED+CLOUD").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> lines(calls) >= 3);

            boolean reached = sampler.awaitState("node1", "IDLE+CLOUD", Duration.ofSeconds(1));

            assertThat(reached).as("IDLE+CLOUD was over before the wait, and no sample since shows it").isFalse();
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
        NodeStateSampler sampler = new NodeStateSampler(List.of(slowScontrol("[ \"$(wc -l < \"$CALLS\")\" -ge 2 ] "
                + "&& sleep 5").toString()), environment(state, calls), dir, List.of("node1"), recorder(), () -> { },
                (thread, e) -> uncaught.add(e));
        sampler.start();
        await("a periodic sample under way").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> lines(calls) >= 2);

        sampler.close();

        await("no sample thread fails after the close").during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2)).until(uncaught::isEmpty);
    }

    @Test
    void closingWhileASampleReadsTheLogAfterItsCallEndsItWithoutAnError() throws IOException {
        Path calls = dir.resolve("calls");
        Path state = dir.resolve("state");
        Path log = Files.writeString(dir.resolve("slurmctld.log"), "a line\n");
        Files.writeString(state, "IDLE+CLOUD");
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        AtomicInteger samples = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        Runnable readLogUntilInterrupted = () -> {
            if (samples.incrementAndGet() < 2) {
                return;
            }
            reading.countDown();
            try {
                new CountDownLatch(1).await(); // a read that is slow, until close() interrupts it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (FileChannel channel = FileChannel.open(log)) {
                channel.read(ByteBuffer.allocate(64)); // on an interrupted thread: ClosedByInterruptException
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        NodeStateSampler sampler = new NodeStateSampler(List.of(slowScontrol("").toString()),
                environment(state, calls), dir, List.of("node1"), recorder(), readLogUntilInterrupted,
                (thread, e) -> uncaught.add(e));
        sampler.start();
        await("a periodic sample reads the log").atMost(Duration.ofSeconds(5)).until(() -> reading.getCount() == 0);

        sampler.close();

        await("no sample thread fails after the close").during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2)).until(uncaught::isEmpty);
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
        return new NodeStateSampler(List.of(scontrol.toString()), environment(state, calls), dir, List.of("node1"),
                recorder, () -> { });
    }

    private static Map<String, String> environment(Path state, Path calls) {
        return Map.of("STATE_FILE", state.toString(), "CALLS", calls.toString(), "PATH", "/usr/bin:/bin");
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
