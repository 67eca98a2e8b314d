package org.elasticslurm.scenarios.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ExpectationVerdict;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.StepOutcome;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.target.TargetSession;
import org.elasticslurm.scenarios.trace.LogLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the sim target beyond the level files: provisioner faults, job output, cleanup. */
class SimTargetTest {

    static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));

    @TempDir
    Path dir;

    private ScenarioResult run(String yaml) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        LoadedScenario loaded = new ScenarioChecker(new SlurmConfParser()).check(new ScenarioParser().parse(file));
        return new ScenarioRunner(Clock.systemUTC()).run(loaded, new SimTarget(new SlurmConfParser()),
                ProgressListener.NONE);
    }

    private static String level2With(String steps, String expect) throws IOException {
        String level2 = Files.readString(LEVELS.resolve("level2.yaml"));
        int cut = level2.indexOf("steps:\n");
        return level2.substring(0, cut).replace("name: level2", "name: level2-variant") + steps + expect;
    }

    private static String level3With(String steps, String expect) throws IOException {
        String level3 = Files.readString(LEVELS.resolve("level3.yaml"));
        int cut = level3.indexOf("steps:\n");
        return level3.substring(0, cut).replace("name: level3", "name: level3-variant") + steps + expect;
    }

    private static List<Verdict> verdicts(ScenarioResult r) {
        return r.verdicts().stream().map(ExpectationVerdict::verdict).toList();
    }

    @Test
    void aScenarioLoadedFor2411IsReadBy2411sRulesEvenByASimTargetBuiltWithTheDefaultParser() throws IOException {
        String level0 = Files.readString(LEVELS.resolve("level0.yaml"));
        // a key 24.11 takes and 22.05 refuses ("Parsing error at unrecognized key")
        String with = level0.replace("name: level0", "name: level0-exc").replace("    ClusterName=lab\n",
                "    ClusterName=lab\n    SuspendExcStates=DOWN\n");
        assertThat(with).contains("SuspendExcStates=DOWN");
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, with);
        LoadedScenario loaded = new ScenarioChecker(new SlurmConfParser(SlurmVersion.V24_11))
                .check(new ScenarioParser().parse(file));

        ScenarioResult r = new ScenarioRunner(Clock.systemUTC()).run(loaded, new SimTarget(new SlurmConfParser()),
                ProgressListener.NONE);

        assertThat(r.passed()).as(r.toString()).isTrue();
    }

    @Test
    void aGroupWritableResumeProgramIsRefusedInTheWordsOfTheVersionEmulated() {
        Path file = LEVELS.resolveSibling("failures").resolve("group-writable-hook.yaml");
        for (SlurmVersion v : SlurmVersion.values()) {
            SlurmConfParser parser = new SlurmConfParser(v);
            LoadedScenario loaded = new ScenarioChecker(parser).check(new ScenarioParser().parse(file));
            List<String> log;
            try (TargetSession session = new SimTarget(parser).open(loaded, ProgressListener.NONE)) {
                log = session.observations().log().stream().map(LogLine::text).toList();
            }
            assertThat(log).as(v.toString()).anyMatch(l -> l.contains("has group or world write permission"));
            if (v == SlurmVersion.V26_05) {
                assertThat(log).as(v.toString())
                        .anyMatch(l -> l.contains("Invalid ResumeProgram PowerAction __resumeprog__"))
                        .anyMatch(l -> l.contains("power: automatic power save mode disabled"))
                        .noneMatch(l -> l.contains("power_save module disabled"));
            } else {
                assertThat(log).as(v.toString())
                        .anyMatch(l -> l.contains("power_save module disabled, invalid ResumeProgram"));
            }
        }
    }

    @Test
    void aStartFaultLeavesTheNodeToResumeTimeoutThenResumeFailIsCalledAndNoMachineIsLeftOnceIdle() throws IOException {
        ScenarioResult r = run(level2With("""
                steps:
                  - fault: start-fails
                    nodes: node2
                  - submit: srun -N2 -w node[1-2] hostname
                """, """
                expect:
                  - reaches: down~
                    id: down
                    node: node2
                    within: 200s
                    after: job1
                  - hook: resume-fail
                    args: node2
                    within: 2s
                    after: down
                  - log: "resume node2: FAILED FAILED (failed and cleaned up: start failed (injected fault))"
                    within: 5s
                    after: job1
                  - reaches: idle~        # node1 booted for the failed job: suspended and shut off again
                    node: node1
                    within: 150s
                    after: down
                  - no-vm-left: true
                """));
        assertThat(r.error()).isEmpty();
        assertThat(r.steps()).extracting(StepOutcome::status).containsOnly(StepOutcome.Status.DONE);
        assertThat(verdicts(r)).as("%s", r.verdicts()).containsOnly(Verdict.PASSED);
    }

    @Test
    void aFailedStartMarksTheNodeDownInSlurmAtOnceWithTheProvisionersReason() throws IOException {
        ScenarioResult r = run(level2With("""
                steps:
                  - fault: start-fails
                    nodes: node2
                  - submit: srun -N2 -w node[1-2] hostname
                """, """
                expect:
                  - reaches: down#        # DOWN while slurmctld still waits for it: long before ResumeTimeout
                    node: node2
                    within: 2s
                    after: job1
                  - log: "scontrol update nodename=node2 state=DOWN"
                    within: 2s
                    after: job1
                  - log: "update_node: node node2 reason set to: provisioner: start failed (injected fault)"
                    within: 2s
                    after: job1
                """));
        assertThat(verdicts(r)).as("%s", r.verdicts()).containsOnly(Verdict.PASSED);
    }

    @Test
    void aFailingPostConfigFailsTheResumeMarksTheNodeDownAndDestroysTheMachine() throws IOException {
        ScenarioResult r = run(level3With("""
                steps:
                  - fault: post-config-fails
                    nodes: test1
                  - submit: srun -w test1 hostname
                  - advance: 60s
                """, """
                expect:
                  - log: "post-config exited with status 1"
                    within: 30s
                    after: job1
                  - reaches: down#        # at once, once the address is there (half the 45 s boot), not at ResumeTimeout
                    node: test1
                    within: 30s
                    after: job1
                  - no-vm-left: true
                """));
        assertThat(verdicts(r)).as("%s", r.verdicts()).containsOnly(Verdict.PASSED);
    }

    @Test
    void aReleaseFaultLeavesTheMachineBehindAndNoVmLeftFails() throws IOException {
        ScenarioResult r = run(level2With("""
                steps:
                  - fault: release-fails
                  - submit: srun -N2 -w node[1-2] hostname
                """, """
                expect:
                  - hook: suspend
                    args: node[1-2]
                    within: 120s
                    after: job1
                  - no-vm-left: true
                """));
        assertThat(verdicts(r)).containsExactly(Verdict.PASSED, Verdict.FAILED);
        assertThat(r.verdicts().get(1).detail()).contains("domain node1").contains("domain node2");
    }

    @Test
    void anUnreachableProvisionerMakesTheResumeClientFailAndNoMachineStarts() throws IOException {
        ScenarioResult r = run(level2With("""
                steps:
                  - stop: provisioner
                  - submit: srun -N2 -w node[1-2] hostname
                """, """
                expect:
                  - log: "slurm-resume: error: cannot reach the provisioner"
                    within: 2s
                    after: job1
                  - log: "program exit status of 1"
                    within: 5s
                    after: job1
                  - stays: alloc#
                    node: node1
                    during: 60s
                    after: 2s
                """));
        assertThat(verdicts(r)).as("%s", r.verdicts()).containsOnly(Verdict.PASSED);
    }

    @Test
    void theLabDirectoryIsRemovedAfterTheRun() throws IOException {
        long before = scratchDirs();
        run(Files.readString(LEVELS.resolve("level0.yaml")));
        assertThat(scratchDirs()).isEqualTo(before);
    }

    private static long scratchDirs() throws IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("elastic-lab-sim-")).count();
        }
    }
}
