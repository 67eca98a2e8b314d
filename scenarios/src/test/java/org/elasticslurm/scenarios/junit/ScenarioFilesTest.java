package org.elasticslurm.scenarios.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.scenarios.cli.ElasticLabTestTargets;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ScenarioFilesTest {
    static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));
    static final Path FAILURES = LEVELS.resolveSibling("failures");

    /** The project's own scenario files: every level and failure path parses and checks against its slurm.conf. */
    @TestFactory
    Stream<DynamicNode> everyShippedScenarioIsValid() {
        ScenarioFiles files = ScenarioFiles.in(LEVELS, FAILURES);
        assertThat(files.files()).extracting(p -> p.getFileName().toString()).contains("level0.yaml", "level1.yaml",
                "level1-fixed.yaml", "level2.yaml", "level3.yaml", "stale-boot-time.yaml", "group-writable-hook.yaml",
                "burst-above-resume-rate.yaml", "never-registers.yaml");
        return files.validate();
    }

    @TempDir
    Path dir;

    @Test
    void anInvalidFileBecomesAFailingTestWithItsPosition() throws Throwable {
        Files.writeString(dir.resolve("bad.yaml"), "name: bad\nslurm-conf: {text: x}\nsteps:\n  - advance: 5\n");
        List<DynamicNode> nodes = ScenarioFiles.in(dir).validate().toList();
        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.getDisplayName()).isEqualTo("bad (" + dir.resolve("bad.yaml") + ")");
            assertThat(n.getTestSourceUri()).contains(dir.resolve("bad.yaml").toUri());
        });
        assertThatThrownBy(() -> ((DynamicTest) nodes.get(0)).getExecutable().execute())
                .hasMessageContaining("bad.yaml:4:14: bad value for 'advance' in advance step: '5' has no unit");
    }

    @Test
    void aRunGivesATestPerStepAndExpectationAndSkipsNotApplicableOnesWithTheReason() throws Throwable {
        Files.writeString(dir.resolve("tiny.yaml"), """
                name: tiny
                slurm-conf:
                  text: |
                    NodeName=n1 State=CLOUD CPUs=1
                steps:
                  - submit: srun -w n1 hostname
                  - fault: create-fails
                expect:
                  - hook: resume
                    args: n1
                    within: 2s
                  - reaches: idle
                    node: n1
                    within: 1s
                """);
        List<DynamicNode> nodes = ScenarioFiles.in(dir).runOn(ElasticLabTestTargets.oneNodeLabWithoutFaults()).toList();
        DynamicContainer container = (DynamicContainer) nodes.get(0);
        List<DynamicTest> tests = container.getChildren().map(DynamicTest.class::cast).toList();
        assertThat(container.getDisplayName()).isEqualTo("tiny on sim");
        assertThat(tests).extracting(DynamicNode::getDisplayName).containsExactly("runs on sim",
                "step 1: submit srun -w n1 hostname", "step 2: inject fault create-fails",
                "expect 1: resume hook called with n1 within 2s after start",
                "expect 2: n1 reaches idle within 1s after start");
        tests.get(0).getExecutable().execute();
        tests.get(1).getExecutable().execute();
        assertThatThrownBy(() -> tests.get(2).getExecutable().execute()).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("not applicable on sim: no backend here");
        tests.get(3).getExecutable().execute();
        assertThatThrownBy(() -> tests.get(4).getExecutable().execute()).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("n1 was not idle between 0s and 1s");
    }

    @Test
    void singleFilesCanBeNamedToo() throws IOException {
        Path f = dir.resolve("x.yml");
        Files.writeString(f, "x: 1\n");
        Files.writeString(dir.resolve("notes.txt"), "not a scenario\n");
        assertThat(ScenarioFiles.in(dir).files()).containsExactly(f);
        assertThat(ScenarioFiles.in(f).files()).containsExactly(f);
    }
}
