package org.elasticslurm.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code versions:} on an expectation: the Slurm versions it holds for. */
class ExpectationVersionsTest {
    private static final String HEAD = """
            name: demo
            slurm-conf:
              text: |
                NodeName=node1 State=CLOUD CPUs=1
            steps:
              - submit: srun -w node1 hostname
            expect:
            """;

    @TempDir
    Path dir;

    private Scenario parse(String expect) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, HEAD + expect);
        return new ScenarioParser().parse(file);
    }

    private ScenarioException failure(String expect) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, HEAD + expect);
        return catchThrowableOfType(ScenarioException.class, () -> new ScenarioParser().parse(file));
    }

    @Test
    void anExpectationHoldsForTheVersionsItNamesOrForEveryVersionWithout() throws IOException {
        Scenario s = parse("""
                  - job: job1
                    within: 10s
                    versions: 22.05
                  - job: job1
                    within: 40s
                    versions: [24.11, 26.05]
                  - job: job1
                """);

        assertThat(s.expectations()).extracting(e -> e.header().versions()).containsExactly(
                Set.of(SlurmVersion.V22_05), Set.of(SlurmVersion.V24_11, SlurmVersion.V26_05), Set.of());
        Expectation.ExpectationHeader later = s.expectations().get(1).header();
        assertThat(later.holdsFor(SlurmVersion.V26_05)).isTrue();
        assertThat(later.holdsFor(SlurmVersion.V22_05)).isFalse();
        assertThat(s.expectations().get(2).header().holdsFor(SlurmVersion.V22_05)).isTrue();
    }

    @Test
    void anUnknownVersionIsAnErrorNamingTheKnownOnes() throws IOException {
        ScenarioException e = failure("""
                  - job: job1
                    versions: [24.11, 23.02]
                """);

        assertThat(e).hasMessageContaining(":9:23: unknown Slurm version '23.02' in 'versions'; known: 22.05, 24.11, "
                + "26.05");
    }

    @Test
    void aReleaseIsNotAVersionOfTheFile() throws IOException {
        assertThat(failure("""
                  - job: job1
                    versions: 24.11.5
                """)).hasMessageContaining("unknown Slurm version '24.11.5'");
    }

    @Test
    void anIdMayBeReusedByExpectationsOfOtherVersionsOnly() throws IOException {
        Scenario s = parse("""
                  - reaches: IDLE+CLOUD
                    id: idle
                    node: node1
                    within: 3s
                    versions: 22.05
                  - reaches: IDLE+CLOUD
                    id: idle
                    node: node1
                    within: 35s
                    versions: [24.11, 26.05]
                  - stays: IDLE+CLOUD
                    node: node1
                    during: 15s
                    after: idle
                """);
        assertThat(s.expectations()).hasSize(3);

        assertThat(failure("""
                  - reaches: IDLE+CLOUD
                    id: idle
                    node: node1
                    within: 3s
                    versions: [22.05, 24.11]
                  - reaches: IDLE+CLOUD
                    id: idle
                    node: node1
                    within: 35s
                    versions: [24.11, 26.05]
                """)).hasMessageContaining("id 'idle' is already used by a step or an earlier expectation (an id may "
                + "be reused only by expectations of other versions");
        assertThat(failure("""
                  - job: job1
                    id: done
                  - job: job1
                    id: done
                    versions: 26.05
                """)).hasMessageContaining("id 'done' is already used");
    }
}
