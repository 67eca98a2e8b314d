package org.elasticslurm.scenarios.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elasticslurm.scenarios.model.HookRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedTraceTest {

    @Test
    void theRecordedLevel0RunGivesItsStatesHookCallsAndDriverEvents() {
        RecordedTrace trace = RecordedTrace.read(Path.of("src/test/resources/traces/level0.real-22.05.trace"));

        assertThat(trace.observations().states()).hasSize(7);
        assertThat(trace.observations().states().get(2).at()).isEqualTo(Duration.ofMillis(1100));
        assertThat(trace.observations().hooks()).extracting(HookCall::hook)
                .containsExactly(HookRole.RESUME, HookRole.SUSPEND);
        assertThat(trace.observations().hooks().get(0).at()).isEqualTo(Duration.ofMillis(800));
        assertThat(trace.observations().hooks().get(0).args()).containsExactly("node1");
        assertThat(trace.event("slurmd", "node1")).contains(Duration.ofMillis(3600));
        assertThat(trace.event("mark", "job-done-wait")).contains(Duration.ofMillis(4700));
    }

    @Test
    void aKindTheRecordedRunsDoNotHaveIsRefusedNamingTheLineAndTheAllowedKinds(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("x.trace");
        Files.write(file, List.of("0.0 start", "1.5 json node1 {}"));

        assertThatThrownBy(() -> RecordedTrace.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trace line '1.5 json node1 {}'")
                .hasMessageContaining("allowed: start, state, hook, log, bg, slurmd, mark");
    }

    @Test
    void aTimeWithoutItsOneDecimalIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("y.trace");
        Files.write(file, List.of("0.0 start", "2 mark x"));

        assertThatThrownBy(() -> RecordedTrace.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'2 mark x'");
    }
}
