package org.elasticslurm.lab.real;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.elasticslurm.lab.trace.LabText;
import org.elasticslurm.lab.trace.TraceRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler's waits with a slow {@code scontrol} (a drop-in command whose JVM starts slowly on a busy machine): a
 * stand-in that reads the node's state from a file when it is started and answers 2 s later.
 */
class NodeStateSamplerWaitTest {

    @TempDir
    Path dir;
    private Path stateFile;
    private NodeStateSampler sampler;

    @BeforeEach
    void slowScontrol() throws IOException {
        stateFile = dir.resolve("state");
        Path scontrol = dir.resolve("scontrol");
        Files.writeString(scontrol, """
                #!/bin/sh
                state=$(cat "$STATE_FILE")
                sleep 2
                echo "NodeName=node1 Arch=x86_64 State=$state Weight=1"
                """);
        Files.setPosixFilePermissions(scontrol, PosixFilePermissions.fromString("rwxr-xr-x"));
        TraceRecorder recorder = new TraceRecorder(dir.resolve("trace"), dir.resolve("start"), Clock.systemUTC(),
                new LabText(dir, "host"));
        recorder.start();
        sampler = new NodeStateSampler(List.of(scontrol.toString()),
                Map.of("STATE_FILE", stateFile.toString(), "PATH", "/usr/bin:/bin"), dir, List.of("node1"),
                recorder, () -> { });
    }

    @Test
    void aStateShownByASampleTakenBeforeTheDeadlineIsReachedThoughItsAnswerArrivesLater() throws IOException {
        Files.writeString(stateFile, "IDLE+CLOUD+POWERED_DOWN");
        sampler.sample();
        Files.writeString(stateFile, "IDLE+CLOUD");
        CompletableFuture<Void> slowSample = CompletableFuture.runAsync(sampler::sample);

        boolean reached = sampler.awaitState("node1", "IDLE+CLOUD", Duration.ofSeconds(1));

        assertThat(reached).as("the sample asked the controller before the 1 s deadline").isTrue();
        slowSample.join();
    }

    @Test
    void aStateNoSampleShowsBeforeTheDeadlineIsNotReached() throws IOException {
        Files.writeString(stateFile, "IDLE+CLOUD+POWERED_DOWN");
        sampler.sample();

        assertThat(sampler.awaitState("node1", "IDLE+CLOUD", Duration.ofMillis(500))).isFalse();
        assertThat(sampler.current("node1")).contains("IDLE+CLOUD+POWERED_DOWN");
    }

    @Test
    void theStateOfTheLastSampleIsReachedAtOnce() throws IOException {
        Files.writeString(stateFile, "IDLE+CLOUD");
        sampler.sample();

        assertThat(sampler.awaitState("node1", "IDLE+CLOUD", Duration.ZERO)).isTrue();
    }
}
