package org.elasticslurm.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code versions:} on a step: the Slurm versions it runs on. */
class StepVersionsTest {
    private static final String HEAD = """
            name: demo
            slurm-conf:
              text: |
                NodeName=node1 State=CLOUD CPUs=1
            steps:
            """;
    private static final String PER_VERSION_WAIT = """
              - scontrol: update nodename=node1 state=power_up
              - wait: {node: node1, state: DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING}
                timeout: 30s
                versions: 22.05
              - wait: {node: node1, state: DOWN+CLOUD+POWERED_DOWN}
                timeout: 30s
                versions: [24.11, 26.05]
              - advance: 5s
            """;

    @TempDir
    Path dir;

    private Path write(String steps) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, HEAD + steps);
        return file;
    }

    private ScenarioException failure(String steps) throws IOException {
        Path file = write(steps);
        return catchThrowableOfType(ScenarioException.class, () -> new ScenarioParser().parse(file));
    }

    @Test
    void aStepRunsOnTheVersionsItNamesOrOnEveryVersionWithout() throws IOException {
        Scenario s = new ScenarioParser().parse(write(PER_VERSION_WAIT));

        assertThat(s.steps()).extracting(step -> step.header().versions()).containsExactly(Set.of(),
                Set.of(SlurmVersion.V22_05), Set.of(SlurmVersion.V24_11, SlurmVersion.V26_05), Set.of());
        assertThat(s.forVersion(SlurmVersion.V22_05).steps()).extracting(Step::describe).hasSize(3)
                .anySatisfy(d -> assertThat(d).contains("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING"));
        assertThat(s.forVersion(SlurmVersion.V24_11).steps()).extracting(Step::describe).hasSize(3)
                .noneSatisfy(d -> assertThat(d).contains("NOT_RESPONDING"));
    }

    @Test
    void aScenarioLoadedForAVersionHasTheStepsOfThatVersionOnly() throws IOException {
        Scenario s = new ScenarioParser().parse(write(PER_VERSION_WAIT));

        var loaded = new ScenarioChecker(new SlurmConfParser(SlurmVersion.V26_05)).check(s);

        assertThat(loaded.version()).isEqualTo(SlurmVersion.V26_05);
        assertThat(loaded.scenario().steps()).hasSize(3).extracting(step -> step.header().versions())
                .containsExactly(Set.of(), Set.of(SlurmVersion.V24_11, SlurmVersion.V26_05), Set.of());
    }

    @Test
    void aStepOfSomeVersionsWithAnIdIsAnErrorSayingWhy() throws IOException {
        assertThat(failure("""
                  - run: sinfo
                    id: sinfo
                    versions: 24.11
                """)).hasMessageContaining(":7:9: a step of some Slurm versions only ('versions:') has no id: later "
                + "steps and expectations that name it would find no such step on the other versions");
        assertThat(failure("""
                  - submit: srun -w node1 hostname
                    versions: 24.11
                """)).hasMessageContaining("has no id").hasMessageContaining("a submit step always has one");
    }

    @Test
    void anUnknownVersionOrAnEmptyListIsAnError() throws IOException {
        assertThat(failure("""
                  - advance: 5s
                    versions: [24.11, 23.02]
                """)).hasMessageContaining(":7:23: unknown Slurm version '23.02' in 'versions'; known: 22.05, 24.11, "
                + "26.05");
        assertThat(failure("""
                  - advance: 5s
                    versions: []
                """)).hasMessageContaining("'versions' names no Slurm version; leave it out for every version");
    }
}
