package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.job.JobState;
import org.elasticslurm.fake.sim.cluster.SimulatedRun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scontrol update nodename=... state=...|nodeaddr=|nodehostname=} as 22.05's update_node applies it. */
class NodeUpdateTest {

    @TempDir
    Path dir;

    private SimLab lab(String... extra) {
        SimLab lab = SimLab.conf(dir, TestConf.cloud("c[1-3]", extra)).start();
        lab.runUntil(0);
        return lab;
    }

    private static CommandResult update(SimLab lab, String nodes, NodeStateRequest state) {
        return lab.controller.updateNode(NodeUpdate.state(nodes, state));
    }

    @Test
    void powerDownSuspendsAnIdleNodeAtTheNextScanIgnoringSuspendTime() {
        SimLab lab = lab("SuspendTime=600");
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(2);

        assertThat(update(lab, "c1", NodeStateRequest.POWER_DOWN).ok()).isTrue();
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWER_DOWN");
        assertThat(lab.view("c1").sinfoCompact()).isEqualTo("idle!");
        lab.runUntil(20);

        assertThat(lab.logLines()).contains("powering down node c1");
        List<HookCall> suspends = lab.calls(HookKind.SUSPEND);
        assertThat(suspends).extracting(HookCall::hostlist).containsExactly("c1");
        assertThat(SimLab.t(suspends.get(0).time())).isCloseTo(2.8, within(0.01));
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
    }

    @Test
    void powerDownOfAnAllocatedNodeWaitsForItsJob() {
        SimLab lab = lab("SuspendTime=600");
        lab.cluster.workload(launch -> new SimulatedRun(Duration.ofSeconds(20), 0, ""));
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);
        lab.srun("c1", "sleep", "20");
        lab.runUntil(3);

        update(lab, "c1", NodeStateRequest.POWER_DOWN);
        lab.runUntil(10);
        assertThat(lab.state("c1")).isEqualTo("ALLOCATED+CLOUD+POWER_DOWN");
        assertThat(lab.view("c1").sinfoCompact()).isEqualTo("alloc!");
        assertThat(lab.calls(HookKind.SUSPEND)).isEmpty();

        lab.runUntil(40);
        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c1");
        assertThat(SimLab.t(lab.calls(HookKind.SUSPEND).get(0).time())).isGreaterThan(21);
    }

    @Test
    void powerDownAsapDrainsTheNodeUntilItIsSuspended() {
        SimLab lab = lab("SuspendTime=600");
        lab.cluster.workload(launch -> new SimulatedRun(Duration.ofSeconds(20), 0, ""));
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);
        lab.srun("c1", "sleep", "20");
        lab.runUntil(3);

        update(lab, "c1", NodeStateRequest.POWER_DOWN_ASAP);

        assertThat(lab.state("c1")).isEqualTo("ALLOCATED+CLOUD+DRAIN+POWER_DOWN");
        assertThat(lab.view("c1").sinfoCompact()).isEqualTo("drng!");
        assertThat(lab.view("c1").reason()).hasValue("POWER_DOWN_ASAP");
        assertThat(lab.logLines()).containsSubsequence("drain_nodes: node c1 state set to DRAIN",
                "powering down node c1");
        lab.runUntil(25);
        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c1");
        assertThat(lab.state("c1")).as("DRAIN cleared at suspend").isEqualTo("IDLE+CLOUD+POWERING_DOWN");
        lab.runUntil(40);
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
    }

    @Test
    void powerDownForceRequeuesTheBatchJobAndSuspends() {
        SimLab lab = lab("SuspendTime=600");
        lab.cluster.workload(launch -> new SimulatedRun(Duration.ofSeconds(300), 0, ""));
        lab.startSlurmd("c3", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);
        long id = lab.controller.submit(JobRequest.sbatchWrap("sleep 300", Optional.of("c3"), OptionalInt.empty()),
                JobListener.NONE).jobId();
        lab.runUntil(5);
        assertThat(lab.controller.job(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        update(lab, "c3", NodeStateRequest.POWER_DOWN_FORCE);
        lab.runUntil(20);

        assertThat(lab.logLines()).containsSubsequence("requeue job JobId=1 due to failure of node c3",
                "powering down node c3");
        assertThat(lab.controller.job(id).orElseThrow().state()).isEqualTo(JobState.PENDING);
        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c3");
    }

    @Test
    void powerUpWakesAPoweredDownNodeWithNoJobInTheResumeFile() {
        SimLab lab = lab();

        update(lab, "c2", NodeStateRequest.POWER_UP);
        assertThat(lab.state("c2")).isEqualTo("IDLE+CLOUD+POWER_UP+POWERED_DOWN");
        lab.runUntil(5);

        assertThat(lab.logLines()).contains("powering up node c2");
        List<HookCall> resumes = lab.calls(HookKind.RESUME);
        assertThat(resumes).extracting(HookCall::hostlist).containsExactly("c2");
        assertThat(resumes.get(0).invocation().resumeJson()).hasValue("{\"jobs\":[],\"all_nodes\":\"c2\"}");
        assertThat(lab.state("c2")).isEqualTo("IDLE+CLOUD+NOT_RESPONDING+POWERING_UP");
        assertThat(lab.view("c2").sinfoCompact()).isEqualTo("idle#");
    }

    @Test
    void powerUpWhilePoweringUpRunsTheResumeProgramAgain() {
        SimLab lab = lab();
        update(lab, "c2", NodeStateRequest.POWER_UP);
        lab.runUntil(5);

        update(lab, "c2", NodeStateRequest.POWER_UP);
        lab.runUntil(10);

        assertThat(lab.logLines()).contains("power up request repeating for node c2");
        assertThat(lab.calls(HookKind.RESUME)).extracting(HookCall::hostlist).containsExactly("c2", "c2");
    }

    @Test
    void powerUpOfARunningNodeChangesNothing() {
        SimLab lab = lab();
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);

        assertThat(update(lab, "c1", NodeStateRequest.POWER_UP).ok()).isTrue();
        lab.runUntil(5);

        assertThat(lab.logLines()).contains("node c1 is already powered up");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD");
        assertThat(lab.calls(HookKind.RESUME)).isEmpty();
    }

    @Test
    void powerDownOfAPoweringDownNodeIsIgnored() {
        SimLab lab = lab("SuspendTime=600", "SuspendTimeout=60");
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);
        update(lab, "c1", NodeStateRequest.POWER_DOWN);
        lab.runUntil(3);

        update(lab, "c1", NodeStateRequest.POWER_DOWN);

        assertThat(lab.logLines()).contains("ignoring power down request for node c1, already powering down");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERING_DOWN");
    }

    @Test
    void powerDownOfAPoweredDownNodeRunsTheSuspendProgramAgain() {
        SimLab lab = lab();

        update(lab, "c1", NodeStateRequest.POWER_DOWN);
        lab.runUntil(3);

        assertThat(lab.logLines()).contains("power down request repeating for node c1");
        assertThat(lab.calls(HookKind.SUSPEND)).extracting(HookCall::hostlist).containsExactly("c1");
    }

    @Test
    void resumeOfAPoweringDownNodeMakesItPoweredDownAtOnce() {
        SimLab lab = lab("SuspendTime=600", "SuspendTimeout=60");
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);
        update(lab, "c1", NodeStateRequest.POWER_DOWN);
        lab.runUntil(3);
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERING_DOWN");

        assertThat(update(lab, "c1", NodeStateRequest.RESUME).ok()).isTrue();

        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
        assertThat(lab.logLines()).contains("update_node: node c1 state set to IDLE");
    }

    @Test
    void resumeOfADownNodeMakesItIdleButNotRespondingUntilItRegisters() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("NodeName=n1 CPUs=1",
                "PartitionName=debug Nodes=n1 Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        lab.startSlurmd("n1", SlurmdStart.MACHINE_BOOT);
        lab.runUntil(1);
        lab.controller.updateNode(NodeUpdate.state("n1", NodeStateRequest.DOWN, "maintenance"));
        assertThat(lab.state("n1")).isEqualTo("DOWN");

        update(lab, "n1", NodeStateRequest.RESUME);

        assertThat(lab.state("n1")).isEqualTo("IDLE+NOT_RESPONDING");
        assertThat(lab.logLines()).contains("update_node: node n1 state set to IDLE");
        lab.runUntil(10);
        assertThat(lab.state("n1")).as("the registration the update asked for").isEqualTo("IDLE");
    }

    @Test
    void resumeOfAnIdleNodeIsAnInvalidTransition() {
        SimLab lab = lab();
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);

        CommandResult result = update(lab, "c1", NodeStateRequest.RESUME);

        assertThat(result.error()).hasValue(SlurmError.INVALID_NODE_STATE);
        assertThat(lab.logLines())
                .contains("Invalid node state transition requested for node c1 from=IDLE to=RESUME");
    }

    @Test
    void downOfAPoweredDownCloudNodeKeepsItPoweredDownAndHidden() {
        SimLab lab = lab();

        lab.controller.updateNode(NodeUpdate.state("c1", NodeStateRequest.DOWN, "gone"));

        assertThat(lab.state("c1")).isEqualTo("DOWN+CLOUD+POWERED_DOWN");
        assertThat(lab.view("c1").reason()).hasValue("gone");
        assertThat(lab.controller.node("c1")).isInstanceOf(NodeLookup.Hidden.class);
        assertThat(lab.logLines()).contains("update_node: node c1 reason set to: gone",
                "update_node: node c1 state set to DOWN");
    }

    @Test
    void powerRequestsAreRefusedWhenPowerSavingIsDisabled() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("SuspendTime=INFINITE", "NodeName=c1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c1 Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);

        CommandResult result = update(lab, "c1", NodeStateRequest.POWER_UP);

        assertThat(result.error()).hasValue(SlurmError.INVALID_NODE_STATE);
        assertThat(result.error().orElseThrow().message()).isEqualTo("Invalid node state specified");
        assertThat(lab.logLines()).containsSubsequence("debug:  power_save module disabled, SuspendTime < 0",
                "attempt to do power work on node but PowerSave is disabled",
                "Invalid node state transition requested for node c1 from=IDLE~ to=POWER_UP");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
    }

    @Test
    void nodeAddrAndHostnameAreSetAndKeptAcrossAPowerCycle() {
        SimLab lab = lab();

        CommandResult result = lab.controller.updateNode(
                NodeUpdate.address("c[1-2]", "10.0.0.5,10.0.0.6", Optional.of("vm[5-6]")));
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(40);

        assertThat(result.ok()).isTrue();
        assertThat(lab.view("c1").nodeAddr()).isEqualTo("10.0.0.5");
        assertThat(lab.view("c2").nodeHostName()).isEqualTo("vm6");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
        assertThat(lab.view("c1").nodeAddr()).isEqualTo("10.0.0.5");
    }

    @Test
    void nodeAddrCountMustMatchTheNodesAndNothingIsApplied() {
        SimLab lab = lab();

        CommandResult result = lab.controller.updateNode(NodeUpdate.address("c[1-2]", "10.0.0.5", Optional.empty()));

        assertThat(result.error()).hasValue(SlurmError.INVALID_NODE_NAME);
        assertThat(lab.logLines()).contains("update_node: nodecount mismatch");
        assertThat(lab.view("c1").nodeAddr()).isEqualTo("c1");
    }

    @Test
    void cloudRegAddrsTakesTheSlurmdAddressAndResetsItAfterSuspendTimeout() {
        SimLab lab = lab("SlurmctldParameters=cloud_reg_addrs");
        lab.startSlurmd("c1", SlurmdStart.FRESH_BOOT);
        lab.runUntil(1);
        assertThat(lab.view("c1").nodeAddr()).isEqualTo("127.0.0.1");

        lab.runUntil(40);

        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD+POWERED_DOWN");
        assertThat(lab.view("c1").nodeAddr()).isEqualTo("c1");
    }

    @Test
    void anUnknownNodeIsReported() {
        SimLab lab = lab();

        CommandResult result = update(lab, "nosuch", NodeStateRequest.POWER_UP);

        assertThat(result.error()).hasValue(SlurmError.INVALID_NODE_NAME);
        assertThat(lab.logLines()).contains("error: update_node: node nosuch does not exist");
    }

    @Test
    void stateKeywordsAcceptScontrolsAbbreviations() {
        assertThat(NodeStateRequest.parse("power_down_a")).hasValue(NodeStateRequest.POWER_DOWN_ASAP);
        assertThat(NodeStateRequest.parse("POWER_DOWN_F")).hasValue(NodeStateRequest.POWER_DOWN_FORCE);
        assertThat(NodeStateRequest.parse("power_d")).hasValue(NodeStateRequest.POWER_DOWN);
        assertThat(NodeStateRequest.parse("power_")).isEmpty();
        assertThat(NodeStateRequest.parse("POWER_U")).hasValue(NodeStateRequest.POWER_UP);
        assertThat(NodeStateRequest.parse("res")).hasValue(NodeStateRequest.RESUME);
        assertThat(NodeStateRequest.parse("re")).isEmpty();
        assertThat(NodeStateRequest.parse("down")).hasValue(NodeStateRequest.DOWN);
        assertThat(NodeStateRequest.parse("POWER_DOWNX")).isEmpty();
    }
}
