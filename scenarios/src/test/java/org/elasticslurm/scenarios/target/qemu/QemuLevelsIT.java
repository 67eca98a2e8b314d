package org.elasticslurm.scenarios.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.run.ProgressListener;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.target.ControllerKind;
import org.elasticslurm.scenarios.target.provisioned.RunStages;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.scenarios.trace.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Levels 2 and 3 and never-registers on real TCG VMs (qemu:///system) made by the real provisioner inside a lab
 * network namespace, with Debian's slurmctld and with fake-slurmctld's. The scenario files as they are (every
 * expectation must pass); each test then checks that the run left no domain, storage pool, namespace, process or
 * lab directory. Slow: a TCG guest boots in 40-150 s here.
 */
@ExtendWith(QemuAvailable.class)
class QemuLevelsIT {
    static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));

    @TempDir
    Path scratch;

    private ScenarioResult run(Path file, ControllerKind controller) {
        var loaded = new ScenarioChecker(new SlurmConfParser()).check(new ScenarioParser().parse(file));
        ScenarioResult r = new ScenarioRunner(Clock.systemUTC()).run(loaded,
                new QemuTarget(controller, Clock.systemUTC(), scratch), ProgressListener.NONE);
        assertThat(r.error()).as("set-up error").isEmpty();
        return r;
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
        assertThat(lines("/usr/bin/virsh", "-q", "-c", "qemu:///system", "list", "--all", "--name"))
                .as("domains of qemu-target runs").noneMatch(d -> d.matches("eq[0-9a-f]{6}-.*"));
        assertThat(lines("/usr/bin/virsh", "-q", "-c", "qemu:///system", "pool-list", "--all", "--name"))
                .as("storage pools of qemu-target runs").noneMatch(p -> p.matches("eq[0-9a-f]{6}"));
        assertThat(lines("/usr/sbin/ip", "netns", "list")).as("lab namespaces of qemu-target runs")
                .noneMatch(n -> n.startsWith("esl-eq"));
        assertThat(ProcessHandle.current().descendants().filter(p -> p.isAlive() && !before.contains(p.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).filter(p -> !p.endsWith(" ")).toList())
                .as("processes started by the run and still running").isEmpty();
    }

    @Test
    void level3WithDebiansSlurmctldCreatesAVmWhoseSlurmdRegistersAfterTheResumeAndPrintsItsName() {
        ScenarioResult r = run(LEVELS.resolve("level3.yaml"), ControllerKind.REAL);

        assertAllPassed(r);
        assertThat(r.observations().jobs().get("job1").output()).isEqualTo("test1\n");
        assertThat(stage(r, "test1", RunStages.REGISTER).start()).as("registered after the resume request")
                .isGreaterThan(stage(r, "test1", RunStages.HOOK).start());
        assertThat(stage(r, "test1", RunStages.DESTROY)).isNotNull();
    }

    @Test
    void level3WithFakeSlurmctldRunsTheFakeSlurmdInsideTheVm() {
        ScenarioResult r = run(LEVELS.resolve("level3.yaml"), ControllerKind.FAKE);

        assertAllPassed(r);
        assertThat(r.observations().jobs().get("job1").output()).isEqualTo("test1\n");
    }

    @Test
    void level2WithDebiansSlurmctldStartsTheDefinedDomainsAndShutsThemOffAgain() {
        ScenarioResult r = run(LEVELS.resolve("level2.yaml"), ControllerKind.REAL);

        assertAllPassed(r);
        assertThat(r.hookCalls()).extracting(HookCall::hook).containsExactly(HookRole.RESUME, HookRole.SUSPEND);
    }

    @Test
    void aVmWhoseSlurmdNeverStartsEndsDownAfterResumeTimeoutAndIsDestroyed() {
        ScenarioResult r = run(LEVELS.resolveSibling("failures").resolve("never-registers.yaml"),
                ControllerKind.REAL);

        assertAllPassed(r);
        assertThat(r.stages().stream().filter(s -> s.node().equals("test1")).map(Stage::name))
                .contains(RunStages.CREATE, QemuGuests.LEASE, RunStages.DESTROY).doesNotContain(RunStages.REGISTER);
    }

    private static void assertAllPassed(ScenarioResult r) {
        assertThat(r.steps()).allSatisfy(s -> assertThat(s.status().toString()).as(s.detail()).isEqualTo("DONE"));
        assertThat(r.verdicts()).allSatisfy(v -> assertThat(v.verdict()).as(v.description() + ": " + v.detail())
                .isEqualTo(Verdict.PASSED));
    }

    private static Stage stage(ScenarioResult r, String node, String name) {
        return r.stages().stream().filter(s -> s.node().equals(node) && s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " of " + node + " in " + r.stages()));
    }

    private static List<String> lines(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
