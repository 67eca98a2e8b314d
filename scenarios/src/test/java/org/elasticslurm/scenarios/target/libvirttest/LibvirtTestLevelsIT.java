package org.elasticslurm.scenarios.target.libvirttest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.run.ProgressListener;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.target.provisioned.RunStages;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Levels 2 and 3 and never-registers on libvirt-test: the real provisioner service on libvirt's test driver,
 * fake-slurmctld's slurmctld running the provisioner's hook clients, fake slurmds standing in for the guests. The
 * scenario files as they are; each test also checks that the run left no process and no lab directory.
 */
@ExtendWith(LibvirtTestAvailable.class)
class LibvirtTestLevelsIT {
    static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));

    @TempDir
    Path scratch;

    private ScenarioResult run(Path file) {
        var loaded = new ScenarioChecker(new SlurmConfParser()).check(new ScenarioParser().parse(file));
        return new ScenarioRunner(Clock.systemUTC()).run(loaded, new LibvirtTestTarget(Clock.systemUTC(), scratch),
                ProgressListener.NONE);
    }

    /** Processes this JVM had started before the test (other tests' lingering helpers are not this run's). */
    private java.util.Set<Long> before;

    @org.junit.jupiter.api.BeforeEach
    void noteTheProcessesThatAlreadyRun() {
        before = ProcessHandle.current().descendants().map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toSet());
    }

    @AfterEach
    void nothingOfTheRunIsLeft() throws IOException {
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.toList()).as("lab directories left").isEmpty();
        }
        assertThat(ProcessHandle.current().descendants().filter(p -> p.isAlive() && !before.contains(p.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).filter(p -> !p.endsWith(" ")).toList())
                .as("processes started by the run and still running").isEmpty();
    }

    @Test
    void level2StartsTheExistingDomainsRunsTheJobAndShutsThemDownAfterSuspendTime() {
        ScenarioResult r = run(LEVELS.resolve("level2.yaml"));

        assertPassedExceptTheNodeNameOutput(r);
        assertThat(r.observations().jobs().get("job1").state()).isEqualTo(JobState.COMPLETED);
        assertThat(r.hookCalls()).extracting(HookCall::hook).containsExactly(HookRole.RESUME, HookRole.SUSPEND);
        assertThat(stageNames(r, "node1")).contains(RunStages.CREATE, RunStages.REGISTER, RunStages.DESTROY);
    }

    @Test
    void level3CreatesTheMachineRegistersItsSlurmdAndDestroysItWithItsSeedOnSuspend() {
        ScenarioResult r = run(LEVELS.resolve("level3.yaml"));

        assertPassedExceptTheNodeNameOutput(r);
        Stage registered = stage(r, "test1", RunStages.REGISTER);
        Stage resumeHook = stage(r, "test1", RunStages.HOOK);
        assertThat(registered.start()).as("slurmd registers after the resume request").isGreaterThan(resumeHook.start());
        assertThat(r.observations().machinesLeft()).hasValue(List.of());
    }

    @Test
    void aMachineWhoseSlurmdNeverRegistersEndsDownAfterResumeTimeoutAndIsDestroyedByResumeFail() {
        ScenarioResult r = run(LEVELS.resolveSibling("failures").resolve("never-registers.yaml"));

        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.verdict()).as(v.description() + ": " + v.detail())
                .isEqualTo(Verdict.PASSED));
        assertThat(r.hookCalls()).extracting(HookCall::hook).containsExactly(HookRole.RESUME, HookRole.RESUME_FAIL);
        assertThat(stageNames(r, "test1")).contains(RunStages.CREATE, RunStages.DESTROY)
                .doesNotContain(RunStages.REGISTER);
    }

    private static void assertPassedExceptTheNodeNameOutput(ScenarioResult r) {
        assertThat(r.steps()).allSatisfy(s -> assertThat(s.status().toString()).as(s.detail()).isEqualTo("DONE"));
        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.verdict()).as(v.description() + ": " + v.detail())
                .isEqualTo(v.description().contains("printing") ? Verdict.NOT_APPLICABLE : Verdict.PASSED));
    }

    private static List<String> stageNames(ScenarioResult r, String node) {
        return r.stages().stream().filter(s -> s.node().equals(node)).map(Stage::name).toList();
    }

    private static Stage stage(ScenarioResult r, String node, String name) {
        return r.stages().stream().filter(s -> s.node().equals(node) && s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " of " + node + " in " + r.stages()));
    }
}
