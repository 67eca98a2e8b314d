package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.FAILURES;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.LEVELS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.real.SlurmRoot;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ExpectationVerdict;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.testsupport.Requirement;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every level and failure file that lists {@code real-slurm} on the real slurmctld/slurmd 24.11 and 26.05 of the
 * roots {@code ci/slurm-root.sh} builds ({@code real-slurm --slurm-version V}), the files as they are: their
 * version-specific expectations ({@code versions:}) are the ones that apply, and those of other versions are reported
 * not applicable (counted here per file). Skipped without the root (failed under {@code CI=true}); each test also
 * checks that nothing the run started is left.
 */
@Execution(ExecutionMode.CONCURRENT)
@CpuCost(0) // the real daemons mostly sleep; the wrappers' namespaces cost a few milliseconds per command
class RealSlurmVersionsIT {

    /** The files run here, in this order. */
    private static final List<String> FILES = List.of("level0.yaml", "level1.yaml", "level1-fixed.yaml",
            "burst-above-resume-rate.yaml", "group-writable-hook.yaml", "stale-boot-time.yaml");

    private final LeftOvers left = LeftOvers.ofOneTest();

    @AfterEach
    void nothingOfTheRunIsLeft() throws IOException {
        assertThat(left.labProcesses()).as("processes of real-slurm labs still running").isEmpty();
        assertThat(left.scratchDirectories()).as("real-slurm scratch directories left in /tmp").isEmpty();
        left.removeParent();
    }

    @Test
    void everyLevelAndFailureFileListingRealSlurmRunsHere() throws IOException {
        List<String> listing;
        try (Stream<Path> files = Stream.concat(Files.list(LEVELS), Files.list(FAILURES))) {
            ScenarioParser parser = new ScenarioParser();
            listing = files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> parser.parse(f).targets().contains(TargetKind.REAL_SLURM))
                    .map(f -> f.getFileName().toString()).toList();
        }
        assertThat(listing).containsExactlyInAnyOrderElementsOf(FILES);
    }

    /**
     * One test per version, the two versions at the same time; a version's scenarios one after another: two labs of
     * one version's root at once were seen to delay a slurmd's registration by several seconds. Every file runs
     * before the outcomes are checked, and the test fails with every file's failures.
     */
    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void everyRealSlurmFileHoldsWithTheExpectationsOfTheVersion(SlurmVersion version) {
        RealSlurmTarget target = target(version);
        assertThat(target.slurmctldVersion()).hasValueSatisfying(v -> assertThat(v)
                .startsWith("slurm-wlm " + version.label() + "."));
        Map<String, ScenarioResult> results = new LinkedHashMap<>();
        for (String file : FILES) {
            results.put(file, run(target, version, (file.startsWith("level") ? LEVELS : FAILURES).resolve(file)));
        }
        String only2205 = "holds for Slurm 22.05 only";

        List<String> failures = new ArrayList<>();
        check(failures, "level0", () -> { // the job waits for the job_time_limit pass
            RealSlurmLevelsIT.assertLevel0Outcome(results.get("level0.yaml"));
            assertOtherVersionsOnly(results.get("level0.yaml"), version, only2205, 4);
        });
        check(failures, "level1", () -> { // the helpers are not left <defunct> at the end on these versions
            ScenarioResult r = results.get("level1.yaml");
            ProvisionedLevels.assertApplicablePassed(r);
            assertThat(r.observations().jobs().get("job1").state()).isEqualTo(JobState.COMPLETED);
            assertOtherVersionsOnly(r, version, only2205, 4);
        });
        check(failures, "level1-fixed", () -> {
            ScenarioResult r = results.get("level1-fixed.yaml");
            ProvisionedLevels.assertApplicablePassed(r);
            assertThat(r.observations().defunctProcesses()).contains(List.of());
            assertOtherVersionsOnly(r, version, only2205, 3);
        });
        check(failures, "burst-above-resume-rate", () -> { // one node per ResumeProgram call
            ScenarioResult r = results.get("burst-above-resume-rate.yaml");
            ProvisionedLevels.assertApplicablePassed(r);
            assertThat(r.hookCalls()).first().extracting(HookCall::hook, HookCall::hostlist)
                    .containsExactly(HookRole.RESUME, "node1");
            assertOtherVersionsOnly(r, version, only2205, 3);
        });
        check(failures, "group-writable-hook", () -> { // power saving off; 26.05 words it differently
            ScenarioResult r = results.get("group-writable-hook.yaml");
            ProvisionedLevels.assertApplicablePassed(r);
            assertThat(r.hookCalls()).isEmpty();
            assertOtherVersionsOnly(r, version, "holds for Slurm 22.05, 24.11 only",
                    version == SlurmVersion.V26_05 ? 1 : 0);
        });
        check(failures, "stale-boot-time", () -> { // down~, ResumeFailProgram, NODE_FAIL, this version's log line
            ScenarioResult r = results.get("stale-boot-time.yaml");
            ProvisionedLevels.assertApplicablePassed(r);
            RealSlurmLevelsIT.assertStaleBootTimeOutcome(r);
            assertOtherVersionsOnly(r, version, only2205, 5);
        });
        assertThat(failures).as("files whose outcome on Slurm " + version + " is not as expected").isEmpty();
    }

    /** real-slurm of {@code version}: its root's commands (wrappers in /tmp), scratch directories of this test. */
    private RealSlurmTarget target(SlurmVersion version) {
        Optional<SlurmRoot> root = SlurmRoot.find(version.label(), SlurmRoot.base(System.getenv()));
        Requirement.require(root.isPresent(), "no Slurm " + version + " root in " + SlurmRoot.base(System.getenv())
                + "; build it with 'sudo " + SlurmRoot.buildCommand(version.label()) + "'");
        SlurmBinaries binaries = SlurmBinaries.realSlurm(version, Path.of("/tmp"), System.getenv());
        Requirement.require(binaries.missing().isEmpty(), binaries.missing().orElse(""));
        return new RealSlurmTarget(binaries, left.parent(), Clock.systemUTC());
    }

    private static ScenarioResult run(RealSlurmTarget target, SlurmVersion version, Path file) {
        var loaded = new ScenarioChecker(new SlurmConfParser(version)).check(new ScenarioParser().parse(file));
        ScenarioResult result = new ScenarioRunner(Clock.systemUTC()).run(loaded, target, new ProgressListener() {
        });
        assertThat(result.error()).as("set-up error of " + file).isEmpty();
        assertThat(result.verdicts()).as("verdicts of " + file).hasSize(loaded.scenario().expectations().size());
        return result;
    }

    /** Runs the checks of one file; a failure is added to {@code failures}, named by the file. */
    private static void check(List<String> failures, String file, Runnable checks) {
        try {
            checks.run();
        } catch (AssertionError e) {
            failures.add(file + ": " + e.getMessage());
        }
    }

    /** Asserts that exactly {@code count} expectations were of other versions only, each saying {@code holdsFor}. */
    private static void assertOtherVersionsOnly(ScenarioResult r, SlurmVersion version, String holdsFor, int count) {
        assertThat(r.verdicts()).filteredOn(ProvisionedLevels::ofOtherVersions).extracting(ExpectationVerdict::detail)
                .as("expectations of other Slurm versions").isEqualTo(Collections.nCopies(count,
                        "not applicable on Slurm " + version + ": " + holdsFor));
    }
}
