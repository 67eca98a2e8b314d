package org.elasticslurm.fake.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.lab.trace.Aspect;
import org.elasticslurm.lab.trace.Tolerances;
import org.elasticslurm.lab.trace.Trace;
import org.elasticslurm.lab.trace.TraceComparator;
import org.junit.jupiter.api.Test;

/**
 * The recorded real traces belong to the differential suite's YAML scenarios (scenarios' DifferentialFilesTest checks
 * that each is complete); Level 0 agrees with the shared trace.
 */
class GoldenTracesTest {

    @Test
    void everyRecordedTraceBelongsToAScenario() throws IOException {
        List<String> scenarios = DifferentialFiles.yamlScenarioNames();
        try (Stream<Path> traces = Files.list(DifferentialFiles.TRACES)) {
            assertThat(traces.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".trace"))
                    .map(n -> n.substring(0, n.indexOf('.'))))
                    .allSatisfy(n -> assertThat(scenarios).contains(n));
        }
    }

    @Test
    void level0ReproducesTheSharedReferenceTrace() {
        Trace shared = Trace.read(DifferentialFiles.ROOT.resolve("shared/level0.real-22.05.trace"));
        Trace ours = Trace.read(DifferentialFiles.TRACES.resolve("level0.real-22.05.trace"));
        TraceComparator statesAndHooks = new TraceComparator(Tolerances.forPowerSaveInterval(Duration.ofSeconds(10))
                .only(EnumSet.of(Aspect.STATES, Aspect.STATE_TIMES, Aspect.HOOKS, Aspect.HOOK_TIMES)));

        assertThat(statesAndHooks.compare(shared, ours).report()).isEmpty();
    }
}
