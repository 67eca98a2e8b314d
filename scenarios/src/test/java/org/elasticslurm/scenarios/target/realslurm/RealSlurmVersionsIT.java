package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.FAILURES;
import static org.elasticslurm.scenarios.target.realslurm.RealSlurmLevelsIT.LEVELS;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.lab.real.SlurmRoot;
import org.elasticslurm.scenarios.parse.ScenarioChecker;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.run.ScenarioRunner;
import org.elasticslurm.testsupport.Requirement;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Level 0 and a failure scenario on the real slurmctld/slurmd 24.11 and 26.05 of the roots {@code ci/slurm-root.sh}
 * builds ({@code real-slurm --slurm-version V}), the files as they are: their version-specific expectations
 * ({@code versions:}) are the ones that apply. Skipped without the root (failed under {@code CI=true}); each test
 * also checks that nothing the run started is left.
 */
@Execution(ExecutionMode.CONCURRENT)
@CpuCost(0) // the real daemons mostly sleep; the wrappers' namespaces cost a few milliseconds per command
class RealSlurmVersionsIT {

    private final LeftOvers left = LeftOvers.ofOneTest();

    @AfterEach
    void nothingOfTheRunIsLeft() throws IOException {
        assertThat(left.labProcesses()).as("processes of real-slurm labs still running").isEmpty();
        assertThat(left.scratchDirectories()).as("real-slurm scratch directories left in /tmp").isEmpty();
        left.removeParent();
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

    /**
     * One test per version, the two versions at the same time; a version's scenarios one after another: two labs of
     * one version's root at once were seen to delay a slurmd's registration by several seconds.
     */
    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void level0AndStaleBootTimeHoldWithTheExpectationsOfTheVersion(SlurmVersion version) {
        RealSlurmTarget target = target(version);
        assertThat(target.slurmctldVersion()).hasValueSatisfying(v -> assertThat(v)
                .startsWith("slurm-wlm " + version.label() + "."));

        ScenarioResult level0 = run(target, version, LEVELS.resolve("level0.yaml"));
        ScenarioResult stale = run(target, version, FAILURES.resolve("stale-boot-time.yaml"));

        // Level 0: the job waits for the job_time_limit pass; 22.05's windows are not applicable
        RealSlurmLevelsIT.assertLevel0Outcome(level0);
        assertThat(level0.verdicts()).filteredOn(ProvisionedLevels::ofOtherVersions).extracting(v -> v.detail())
                .containsOnly("not applicable on Slurm " + version + ": holds for Slurm 22.05 only").hasSize(2);
        // stale boot time: ResumeTimeout, down~, ResumeFailProgram, NODE_FAIL, with this version's log line
        assertThat(stale.verdicts()).filteredOn(v -> !ProvisionedLevels.ofOtherVersions(v))
                .allSatisfy(v -> assertThat(v.verdict().toString()).as(v.description() + ": " + v.detail())
                        .isEqualTo("PASSED"));
        RealSlurmLevelsIT.assertStaleBootTimeOutcome(stale);
    }
}
