package org.elasticslurm.scenarios.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioCheckerTest {
    @TempDir
    Path dir;

    private final ScenarioChecker checker = new ScenarioChecker(new SlurmConfParser());

    private static final String CONF = """
            slurm-conf:
              text: |
                ResumeProgram=$LAB/hooks/resume
                SuspendProgram=$LAB/hooks/suspend
                SuspendTime=30
                NodeName=node[1-2] State=CLOUD CPUs=1
                NodeName=static1 CPUs=1
                PartitionName=p Nodes=node[1-2],static1
            hooks:
              resume: noop
              suspend: noop
            """;

    private LoadedScenario check(String text) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, text);
        return checker.check(new ScenarioParser().parse(file));
    }

    private ScenarioException failure(String text) throws IOException {
        return catchThrowableOfType(ScenarioException.class, () -> check(text));
    }

    @Test
    void aConsistentScenarioLoadsWithItsConf() throws IOException {
        LoadedScenario s = check("name: s\n" + CONF + "steps:\n  - submit: srun -w node[1-2] hostname\n");
        assertThat(s.slurmConf().cloudNodes()).hasSize(2);
    }

    @Test
    void unknownNodeInAStepIsNamedWithTheConfsNodes() throws IOException {
        ScenarioException e = failure("name: s\n" + CONF + "steps:\n  - slurmd: node3\n");
        assertThat(e.getMessage()).endsWith("s.yaml:14:5: unknown node 'node3' in 'start slurmd -N node3'; nodes of "
                + "slurm.conf: node[1-2],static1");
    }

    @Test
    void unknownNodeRequestedByAJobIsRefused() throws IOException {
        ScenarioException e = failure("name: s\n" + CONF + "steps:\n  - submit: srun -N2 -w node[2-3] hostname\n");
        assertThat(e.getMessage()).contains(":14:5: unknown node 'node3' in 'submit srun -N2 -w node[2-3] hostname'");
    }

    @Test
    void badHostlistInScontrolIsRefused() throws IOException {
        ScenarioException e = failure("name: s\n" + CONF + "steps:\n  - scontrol: update nodename=node[2-1] state=resume\n");
        assertThat(e.getMessage()).contains(":14:5: bad hostlist for 'nodename': node[2-1]");
    }

    @Test
    void unknownNodeInAnExpectationIsRefused() throws IOException {
        ScenarioException e = failure("name: s\n" + CONF + """
                steps:
                  - advance: 1s
                expect:
                  - reaches: idle
                    node: nod1
                    within: 1s
                """);
        assertThat(e.getMessage()).contains(":16:5: unknown node 'nod1'");
    }

    @Test
    void aSlurmConfErrorInAnInlineConfPointsAtTheScenarioLine() throws IOException {
        ScenarioException e = failure("name: s\n" + CONF.replace("NodeName=static1 CPUs=1", "NodeName=static1 CPUs=x")
                + "steps:\n  - advance: 1s\n");
        assertThat(e.position().line()).isEqualTo(8);
        assertThat(e.position().column()).isEqualTo(5);
        assertThat(e.getMessage()).contains("s.yaml:8:5: slurm.conf: ");
    }

    @Test
    void aSlurmConfErrorInAConfFilePointsAtTheConfLine() throws IOException {
        Files.writeString(dir.resolve("site.conf"), "SuspendTime=30\nNodeName=n[3-1] State=CLOUD\n");
        ScenarioException e = failure("name: s\nslurm-conf:\n  file: site.conf\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).startsWith(dir.resolve("site.conf") + ":2:1: slurm.conf: ");
    }

    @Test
    void aDeclaredHookNeedsItsSlurmConfKey() throws IOException {
        ScenarioException e = failure("name: s\n" + CONF + "  resume-fail: noop\nsteps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains(":13:16: hooks.resume-fail is declared but slurm.conf sets no "
                + "ResumeFailProgram (write ResumeFailProgram=$LAB/hooks/resume-fail)");
    }

    @Test
    void aLabProgramMustBeDeclared() throws IOException {
        ScenarioException e = failure("name: s\n" + CONF.replace("  suspend: noop\n", "") + "steps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains("slurm.conf sets SuspendProgram=$LAB/hooks/suspend under $LAB but "
                + "hooks.suspend is not declared");
    }

    @Test
    void aPresetIsInstalledUnderLab() throws IOException {
        ScenarioException e = failure("name: s\n" + CONF.replace("ResumeProgram=$LAB/hooks/resume",
                "ResumeProgram=/usr/local/sbin/resume") + "steps:\n  - advance: 1s\n");
        assertThat(e.getMessage()).contains("hooks.resume is a preset, installed at the path slurm.conf names, which "
                + "must then lie under $LAB/ (found ResumeProgram=/usr/local/sbin/resume)");
    }

    @Test
    void poolsHoldOnlyCloudNodes() throws IOException {
        ScenarioException e = failure("name: s\n" + CONF + """
                provisioner:
                  pools:
                    p:
                      nodes: node2,static1
                      mode: existing
                steps:
                  - advance: 1s
                """);
        assertThat(e.getMessage()).contains(":16:7: pool p names 'static1', which is not a State=CLOUD node");
    }
}
