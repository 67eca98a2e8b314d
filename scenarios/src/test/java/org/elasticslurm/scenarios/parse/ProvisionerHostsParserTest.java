package org.elasticslurm.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionerHostsParserTest {
    private static final String HEAD = """
            name: hosts
            slurm-conf:
              text: |
                NodeName=test[1-3] State=CLOUD CPUs=1
            """;

    @TempDir
    Path dir;

    private Scenario parse(String text) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, HEAD + text);
        return new ScenarioParser().parse(file);
    }

    private ScenarioException failure(String text) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, HEAD + text);
        return catchThrowableOfType(ScenarioException.class, () -> new ScenarioParser().parse(file));
    }

    @Test
    void twoHostsWithAPoolPinnedToTheSecondAndAStepThatStopsIt() throws IOException {
        Scenario s = parse("""
                provisioner:
                  hosts: 2
                  pools:
                    spread: {nodes: "test[1-2]", mode: create}
                    second: {nodes: test3, mode: create, host: 2}
                steps:
                  - stop: second-host
                  - restart: second-host
                """);
        ProvisionerSetup setup = s.provisioner().orElseThrow();
        assertThat(setup.hosts()).isEqualTo(2);
        assertThat(setup.pools()).extracting(ProvisionerSetup.Pool::host)
                .containsExactly(OptionalInt.empty(), OptionalInt.of(2));
        assertThat(s.steps()).extracting(st -> ((Step.Action) st).describe())
                .containsExactly("stop second-host", "restart second-host");
        assertThat(((Step.Stop) s.steps().get(0)).component()).isEqualTo(Component.SECOND_HOST);
    }

    @Test
    void withoutHostsTheProvisionerHasOneAndPoolsArePlacedFreely() throws IOException {
        Scenario s = parse("""
                provisioner:
                  pools:
                    cloud: {nodes: "test[1-3]", mode: create}
                steps:
                  - advance: 1s
                """);
        assertThat(s.provisioner().orElseThrow().hosts()).isEqualTo(1);
        assertThat(s.provisioner().orElseThrow().pools().get(0).host()).isEmpty();
    }

    @Test
    void moreHostsThanTheTargetsGiveAreRefusedWithTheRule() throws IOException {
        ScenarioException e = failure("""
                provisioner:
                  hosts: 3
                  pools:
                    cloud: {nodes: "test[1-3]", mode: create}
                steps:
                  - advance: 1s
                """);
        assertThat(e.getMessage()).contains("provisioner hosts is the number of hypervisor hosts: a whole number 1..2,"
                + " found '3'");
    }

    @Test
    void aPoolPinnedToAHostBeyondTheScenariosHostsIsRefused() throws IOException {
        ScenarioException e = failure("""
                provisioner:
                  pools:
                    cloud: {nodes: "test[1-3]", mode: create, host: 2}
                steps:
                  - advance: 1s
                """);
        assertThat(e.getMessage()).contains("host of pool cloud is the hypervisor host its machines are pinned to "
                + "(provisioner hosts: 1): a whole number 1..1, found '2'");
    }
}
