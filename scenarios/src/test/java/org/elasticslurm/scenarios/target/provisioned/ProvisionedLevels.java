package org.elasticslurm.scenarios.target.provisioned;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.report.ExpectationVerdict;
import org.elasticslurm.scenarios.report.Verdict;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.trace.Stage;

/**
 * What the level tests of the targets that run the provisioner share: running a scenario file, the verdicts a run
 * must show, a node's stages, and the checks that a run left no lab directory and no process of its own.
 */
public final class ProvisionedLevels {

    /** The level scenarios ({@code -Dscenarios.levels}, default {@code levels}); failures are their sibling. */
    public static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));

    private ProvisionedLevels() {
    }

    /**
     * Checks the scenario file and runs it on the target, on the system clock; a lab that could not be set up, or a
     * run that decided nothing, fails the test here.
     */
    public static ScenarioResult run(Path file, Target target) {
        return run(file, target, ProgressListener.NONE);
    }

    /** {@link #run(Path, Target)}, telling {@code progress} how the run progresses. */
    public static ScenarioResult run(Path file, Target target, ProgressListener progress) {
        var loaded = new ScenarioChecker(new SlurmConfParser()).check(new ScenarioParser().parse(file));
        ScenarioResult result = new ScenarioRunner(Clock.systemUTC()).run(loaded, target, progress);
        assertThat(result.error()).as("set-up error of " + file).isEmpty();
        assertThat(result.verdicts()).as("verdicts of " + file).hasSize(loaded.scenario().expectations().size());
        return result;
    }

    /** The processes this JVM has started so far (other tests' lingering children are not the next run's). */
    public static Set<Long> childProcesses() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Asserts that {@code scratch} holds no lab directory. */
    public static void assertNoLabDirectoryIn(Path scratch) throws IOException {
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.toList()).as("lab directories left").isEmpty();
        }
    }

    /**
     * Asserts that no process this JVM started for the run in {@code scratch}, other than those in {@code before},
     * still runs. A process is the run's when its command line, working directory or environment names
     * {@code scratch} (every daemon, hook client and job of a lab does: its files, its {@code SLURM_CONF}); runs of
     * other tests at the same time have scratch directories of their own.
     */
    public static void assertNoProcessLeftBut(Set<Long> before, Path scratch) {
        assertThat(ProcessHandle.current().descendants().filter(p -> p.isAlive() && !before.contains(p.pid()))
                .filter(p -> RunProcesses.names(p.pid(), scratch))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).filter(p -> !p.endsWith(" ")).toList())
                .as("processes started by the run in %s and still running", scratch).isEmpty();
    }

    /** Asserts that every step was done and every expectation passed. */
    public static void assertAllPassed(ScenarioResult r) {
        assertPassedExcept(r, description -> false);
    }

    /**
     * Asserts that every step was done and every expectation passed, except those whose description
     * {@code notApplicable} accepts: they must be not applicable.
     */
    public static void assertPassedExcept(ScenarioResult r, Predicate<String> notApplicable) {
        assertThat(r.steps()).allSatisfy(s -> assertThat(s.status().toString()).as(s.detail()).isEqualTo("DONE"));
        assertThat(r.verdicts()).filteredOn(v -> !ofOtherVersions(v)).isNotEmpty()
                .allSatisfy(v -> assertThat(v.verdict()).as(v.description() + ": " + v.detail())
                        .isEqualTo(notApplicable.test(v.description()) ? Verdict.NOT_APPLICABLE : Verdict.PASSED));
    }

    /** Asserts that every expectation that holds for the run's Slurm version passed. */
    public static void assertApplicablePassed(ScenarioResult r) {
        assertThat(r.verdicts()).filteredOn(v -> !ofOtherVersions(v)).isNotEmpty()
                .allSatisfy(v -> assertThat(v.verdict()).as(v.description() + ": " + v.detail())
                        .isEqualTo(Verdict.PASSED));
    }

    /**
     * Whether the scenario file gives this expectation for other Slurm versions than the run's ({@code versions:}):
     * it is then reported not applicable, naming the run's version.
     */
    public static boolean ofOtherVersions(ExpectationVerdict v) {
        return v.verdict() == Verdict.NOT_APPLICABLE && v.detail().startsWith("not applicable on Slurm ");
    }

    /** The names of a node's stages, in order. */
    public static List<String> stageNames(ScenarioResult r, String node) {
        return r.stages().stream().filter(s -> s.node().equals(node)).map(Stage::name).toList();
    }

    /** A node's first stage of that name; fails naming the stages there are when it has none. */
    public static Stage stage(ScenarioResult r, String node, String name) {
        return r.stages().stream().filter(s -> s.node().equals(node) && s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " of " + node + " in " + r.stages()));
    }
}
