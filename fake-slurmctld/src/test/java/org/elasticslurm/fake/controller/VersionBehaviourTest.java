package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the emulated Slurm version changes, on the virtual clock; each case mirrors a real trace of that version
 * (differential/traces/*.real-VERSION.trace, named per test).
 */
class VersionBehaviourTest {

    @TempDir
    Path dir;

    private SimLab lab(SlurmVersion version, String... extra) {
        return SimLab.conf(dir, TestConf.cloud("node[1-5]", extra)).version(version).start();
    }

    /** Runs in 0.1 s steps until the srun's step started; its time, or -1 if not by {@code until}. */
    private static double stepStart(SimLab lab, SimulatedSrun srun, double until) {
        for (double t = SimLab.t(lab.kernel.now()); t <= until; t += 0.1) {
            lab.runUntil(t);
            if (srun.stepStarted()) {
                return t;
            }
        }
        return -1;
    }

    /** job-start-after-resume.real-22.05.trace: the job runs as the node registers. */
    @Test
    void srunOnAResumedNodeStartsWhenTheNodeRegistersOn2205() {
        SimLab lab = lab(SlurmVersion.V22_05);
        lab.runUntil(0);
        SimulatedSrun srun = lab.srun("node1", "hostname");
        lab.kernel.scheduleAfter(Duration.ofMillis(3500), 0, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));

        assertThat(stepStart(lab, srun, 40)).isBetween(3.5, 4.5);
        assertThat(lab.logLines()).contains("_pick_step_nodes: Configuration for JobId=1 is complete")
                .doesNotContain("job_time_limit: Configuration for JobId=1 complete");
    }

    /**
     * job-start-after-resume.real-24.11.trace / .real-26.05.trace: the node is ALLOCATED+CLOUD at once but the job
     * stays configuring until the next periodic job_time_limit pass, which starts it.
     */
    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void srunOnAResumedNodeStartsAtTheNextJobTimeLimitPassFrom2411(SlurmVersion version) {
        SimLab lab = lab(version);
        lab.runUntil(0);
        SimulatedSrun srun = lab.srun("node1", "hostname");
        lab.at(3.5, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));
        lab.runUntil(5);
        assertThat(lab.state("node1")).isEqualTo("ALLOCATED+CLOUD");
        assertThat(srun.stepStarted()).isFalse();

        double started = stepStart(lab, srun, 40);

        LogRecord configured = lab.firstLog("job_time_limit: Configuration for JobId=1 complete").orElseThrow();
        assertThat(started).as("the step starts after the periodic pass, at srun's next poll").isCloseTo(SimLab.t(configured.time()),
                within(2.0)).isGreaterThan(10.0);
        assertThat(lab.logLines()).containsSubsequence("job_time_limit: Configuration for JobId=1 complete",
                "Resetting JobId=1 start time for node power up");
        lab.runUntil(45);
        assertThat(srun.exitCode()).hasValue(0);
        assertThat(srun.stdout()).hasSize(1);
    }

    /** resume-rate.real-22.05.trace: up to the rate in one ResumeProgram call. */
    @Test
    void resumeRateWakesTwoPowerUpNodesInOneCallOn2205() {
        SimLab lab = lab(SlurmVersion.V22_05, "ResumeRate=2", "ResumeTimeout=600");
        lab.at(0, () -> lab.controller.updateNode(NodeUpdate.state("node[1-5]", NodeStateRequest.POWER_UP)));
        lab.runUntil(15);

        assertThat(lab.calls(HookKind.RESUME)).extracting(HookCall::hostlist).first().isEqualTo("node[1-2]");
    }

    /** resume-rate.real-24.11.trace / .real-26.05.trace: node1, then node2 in a later call, one node per call. */
    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void resumeRateWakesOnePowerUpNodePerCallFrom2411(SlurmVersion version) {
        SimLab lab = lab(version, "ResumeRate=2", "ResumeTimeout=600");
        lab.at(0, () -> lab.controller.updateNode(NodeUpdate.state("node[1-5]", NodeStateRequest.POWER_UP)));
        lab.runUntil(70);

        List<String> calls = lab.calls(HookKind.RESUME).stream().map(HookCall::hostlist).toList();
        assertThat(calls).hasSizeGreaterThanOrEqualTo(2).allSatisfy(h -> assertThat(h).doesNotContain("["));
        assertThat(calls.subList(0, 2)).containsExactly("node1", "node2");
    }

    /** resume-timeout-no-slurmd.real-22.05.trace: NOT_RESPONDING stays, "marking down and power_save". */
    @Test
    void nodeMissingResumeTimeoutStaysNotRespondingOn2205() {
        SimLab lab = lab(SlurmVersion.V22_05, "ResumeTimeout=10", "ReturnToService=0");
        lab.runUntil(0);
        lab.srun("node1", "hostname");
        lab.runUntil(30);

        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN+NOT_RESPONDING");
        assertThat(lab.logLines()).contains("node node1 not resumed by ResumeTimeout(10) - marking down and power_save");
    }

    /** resume-timeout-no-slurmd.real-24.11.trace / .real-26.05.trace: DOWN+CLOUD+POWERED_DOWN, other wording. */
    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void nodeMissingResumeTimeoutIsDownAndPoweredDownWithoutNotRespondingFrom2411(SlurmVersion version) {
        SimLab lab = lab(version, "ResumeTimeout=10", "ReturnToService=0");
        lab.runUntil(0);
        lab.srun("node1", "hostname");
        lab.runUntil(30);

        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN");
        assertThat(lab.view("node1").reason()).hasValue("ResumeTimeout reached");
        assertThat(lab.logLines())
                .contains("node node1 not resumed by ResumeTimeout(10), setting DOWN and POWERED_DOWN");
        assertThat(lab.calls(HookKind.RESUME_FAIL)).extracting(HookCall::hostlist).containsExactly("node1");
    }

    /** scontrol-power.real-VERSION.trace: the POWER lines for the programs started. */
    @ParameterizedTest
    @EnumSource(SlurmVersion.class)
    void programsStartedAreLoggedInEachVersionsWords(SlurmVersion version) {
        SimLab lab = lab(version);
        lab.at(0, () -> lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_UP)));
        lab.at(3, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));
        lab.at(8, () -> lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_DOWN)));
        lab.runUntil(12);

        List<String> power = lab.logLines().stream().filter(l -> l.startsWith("POWER: ")
                && (l.contains("nodes node1"))).toList();
        switch (version) {
            case V22_05 -> assertThat(power).hasSize(2).satisfiesExactly(
                    l -> assertThat(l).matches("POWER: power_save: pid \\d+ waking nodes node1"),
                    l -> assertThat(l).matches("POWER: power_save: pid \\d+ suspending nodes node1"));
            case V24_11 -> assertThat(power).containsExactly("POWER: power_save: waking nodes node1",
                    "POWER: power_save: suspending nodes node1");
            case V26_05 -> assertThat(power).containsExactly(
                    "POWER: Issued slurmctld power action __resumeprog__ on nodes node1",
                    "POWER: Issued slurmctld power action __suspendprog__ on nodes node1");
        }
    }

    /** job-start-after-resume.real-VERSION.trace (json lines): each version's SLURM_RESUME_FILE for a job. */
    @ParameterizedTest
    @EnumSource(SlurmVersion.class)
    void resumeFileHasEachVersionsShape(SlurmVersion version) {
        SimLab lab = lab(version);
        lab.runUntil(0);
        lab.srun("node1", "hostname");
        lab.runUntil(5);

        String json = lab.calls(HookKind.RESUME).get(0).invocation().resumeJson().orElseThrow();
        assertThat(json).isEqualTo(switch (version) {
            case V22_05 -> "{\"jobs\":[{\"job_id\":1,\"nodes\":\"node1\"}],\"all_nodes\":\"node1\"}";
            case V24_11 -> "{\"jobs\":[{\"extra\":null,\"job_id\":1,\"features\":null,\"nodes_alloc\":\"node1\","
                    + "\"nodes_resume\":\"node1\",\"oversubscribe\":\"OK\",\"partition\":\"debug\","
                    + "\"reservation\":null}],\"all_nodes_resume\":\"node1\"}";
            case V26_05 -> "{\"jobs\":[{\"exclusive\":\"NO\",\"extra\":null,\"job_id\":1,\"priority\":1,"
                    + "\"features\":null,\"nodes_alloc\":\"node1\",\"nodes_resume\":\"node1\","
                    + "\"oversubscribe\":\"NO\",\"partition\":\"debug\",\"reservation\":null}],"
                    + "\"all_nodes_resume\":\"node1\"}";
        });
    }

    /** scontrol-power.real-24.11.trace / .real-26.05.trace: the POWER line when a powering-up node registers. */
    @ParameterizedTest
    @EnumSource(SlurmVersion.class)
    void registrationOfAPoweringUpNodeLogsItsInstanceFrom2411(SlurmVersion version) {
        SimLab lab = lab(version);
        lab.at(0, () -> lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_UP)));
        lab.at(3, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));
        lab.runUntil(5);

        List<String> instance = lab.logLines().stream().filter(l -> l.contains("powered up with instance_id="))
                .toList();
        if (version == SlurmVersion.V22_05) {
            assertThat(instance).isEmpty();
        } else {
            assertThat(instance).singleElement().asString()
                    .matches("POWER: Node node1/[^/]+/[^/]+ powered up with instance_id=, instance_type=");
            assertThat(lab.logLines()).containsSubsequence("Node node1 now responding", instance.get(0));
        }
    }

    /**
     * hook-missing.real-24.11.trace / .real-26.05.trace: with a missing ResumeProgram power saving is off; 24.11
     * words it as 22.05 and refuses POWER_UP as an invalid node state, 26.05 says "not found", logs its power action
     * lines and refuses POWER_UP as an invalid power action.
     */
    @Test
    void missingResumeProgramIsWordedAs2205On2411() {
        SimLab lab = labWithAMissingResumeProgram(SlurmVersion.V24_11);

        CommandResult result = powerUpNode1At0(lab);

        assertThat(result.error()).hasValue(SlurmError.INVALID_NODE_STATE);
        assertThat(lab.logLines()).containsSubsequence(
                "error: power_save program " + dir.resolve("missing-resume") + " not executable",
                "error: power_save module disabled, invalid ResumeProgram " + dir.resolve("missing-resume"),
                "attempt to do power work on node but PowerSave is disabled");
    }

    @Test
    void missingResumeProgramIsNotFoundAndPowerUpAnInvalidPowerActionOn2605() {
        SimLab lab = labWithAMissingResumeProgram(SlurmVersion.V26_05);

        CommandResult result = powerUpNode1At0(lab);

        assertThat(result.error()).hasValue(SlurmError.INVALID_POWER_ACTION);
        assertThat(result.error().orElseThrow().message()).isEqualTo("Invalid power action");
        assertThat(lab.logLines()).containsSubsequence(
                "error: power_save program " + dir.resolve("missing-resume") + " not found",
                "error: Invalid ResumeProgram PowerAction __resumeprog__ (" + dir.resolve("missing-resume") + ")",
                "power: automatic power save mode disabled",
                "error: Invalid power action (default) for nodes node1")
                .noneMatch(line -> line.contains("power_save module disabled"));
        assertThat(lab.state("node1")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
    }

    /** A lab of {@code version} whose ResumeProgram, {@code DIR/missing-resume}, does not exist. */
    private SimLab labWithAMissingResumeProgram(SlurmVersion version) {
        return lab(version, "ResumeProgram=" + dir.resolve("missing-resume"));
    }

    /** Runs the lab to 0 s and asks for node1's POWER_UP there. */
    private static CommandResult powerUpNode1At0(SimLab lab) {
        lab.runUntil(0);
        return lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_UP));
    }

    /**
     * privatedata-cloud-off.real-22.05.trace hides the powered-down CLOUD node without PrivateData=cloud ("Node
     * node1 not found"); .real-24.11.trace and .real-26.05.trace list it as IDLE+CLOUD+POWERED_DOWN.
     */
    @ParameterizedTest
    @EnumSource(SlurmVersion.class)
    void poweredDownCloudNodeWithoutPrivateDataCloudIsHiddenOnlyOn2205(SlurmVersion version) {
        SimLab lab = lab(version);
        lab.runUntil(0);

        NodeLookup found = lab.controller.node("node1");

        if (version == SlurmVersion.V22_05) {
            assertThat(found).isInstanceOf(NodeLookup.Hidden.class);
        } else {
            assertThat(found).isNotInstanceOf(NodeLookup.Hidden.class);
            assertThat(lab.view("node1").state()).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
        }
    }

    /** The time of the first call of {@code kind}, in seconds since the start. */
    private static double firstCall(SimLab lab, HookKind kind) {
        return SimLab.t(lab.calls(kind).get(0).time());
    }

    /**
     * return-to-service-0.real-24.11.trace / .real-26.05.trace: the scan a second after the wake moves the grid, so
     * ResumeTimeout=10 fires 11 s after the wake.
     */
    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void resumeTimeoutAfterPowerUpFiresOneSecondPastItFrom2411(SlurmVersion version) {
        SimLab lab = lab(version, "ResumeTimeout=10", "ReturnToService=0");
        lab.runUntil(0);
        lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_UP));
        lab.runUntil(40);

        assertThat(firstCall(lab, HookKind.RESUME_FAIL) - firstCall(lab, HookKind.RESUME)).isCloseTo(11.0, within(0.5));
    }

    /**
     * resume-timeout-psi30-batch.real-24.11.trace / .real-26.05.trace: power_save_interval=30, ResumeTimeout=30, a
     * batch job and no slurmd: the node fails 31 s after its wake (22.05: 60 s, PowerSaveIntervalTimeoutTest).
     */
    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void batchNodeMissingResumeTimeoutEqualToTheIntervalFailsOneScanAfterTheWakeFrom2411(SlurmVersion version) {
        SimLab lab = lab(version, "ReturnToService=0", "ResumeTimeout=30", "SuspendTime=300",
                "SlurmctldParameters=power_save_interval=30");
        lab.runUntil(0);
        lab.controller.submit(JobRequest.sbatchWrap("hostname", Optional.of("node1"), OptionalInt.empty()),
                JobListener.NONE);

        lab.runUntil(70);

        assertThat(firstCall(lab, HookKind.RESUME_FAIL) - firstCall(lab, HookKind.RESUME)).isCloseTo(31.0, within(0.5));
        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN");
    }

    /**
     * resume-timeout-stale-boot-rts2.real-24.11.trace / .real-26.05.trace: a stale slurmd runs, ResumeTimeout passes
     * with ReturnToService=2; the node stays DOWN+CLOUD+POWERED_DOWN (22.05 returns it to service,
     * ResumeTimeoutTest).
     */
    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void staleSlurmdDoesNotReturnTheTimedOutNodeToServiceFrom2411(SlurmVersion version) {
        SimLab lab = lab(version, "ResumeTimeout=10", "ReturnToService=2");
        lab.runUntil(0);
        lab.srun("node1", "hostname");
        lab.at(1, () -> lab.startSlurmd("node1", SlurmdStart.MACHINE_BOOT));

        lab.runUntil(30);

        assertThat(lab.logLines()).contains("node node1 not resumed by ResumeTimeout(10), setting DOWN and POWERED_DOWN")
                .noneMatch(line -> line.contains("returned to service") || line.contains("now responding"));
        assertThat(lab.state("node1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN");
    }

    /** admin-power-down-force.real-VERSION.trace: srun's status after POWER_DOWN_FORCE of its running step's node. */
    @Test
    void srunExitsWithItsTasksStatusAfterAStepNodeFailureOn2205ButWithOneFrom2411() {
        assertThat(SlurmBehaviour.of(SlurmVersion.V22_05).srunStatusAfterStepNodeFailure(0)).isZero();
        assertThat(SlurmBehaviour.of(SlurmVersion.V24_11).srunStatusAfterStepNodeFailure(0)).isEqualTo(1);
        assertThat(SlurmBehaviour.of(SlurmVersion.V26_05).srunStatusAfterStepNodeFailure(0)).isEqualTo(1);
        assertThat(SlurmBehaviour.of(SlurmVersion.V26_05).srunStatusAfterStepNodeFailure(137)).isEqualTo(137);
    }
}
