package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.sim.SimBackend;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestPools;
import org.junit.jupiter.api.Test;

class EngineRecoveryTest {
    private SimBackend sim;

    private EngineHarness harness() {
        return new EngineHarness(TestPools.of(TestConf.CLOUD8, Map.of()), clock -> {
            sim = EngineHarness.sim(clock, Duration.ofSeconds(30));
            return sim;
        }, Optional.empty());
    }

    private static Machine machine(String node, String op, Optional<String> address) {
        return new Machine(node, "default", "sim-" + node, op, true, address);
    }

    private static SlurmNodeState state(String node, String... stateWords) {
        return new SlurmNodeState(node, stateWords[0], Set.of(stateWords).stream().filter(s -> !s.equals(stateWords[0]))
                .collect(java.util.stream.Collectors.toSet()), node, Optional.empty());
    }

    private static LoggedOperation logged(String id, OperationKind kind, String node, OperationStatus status, Phase phase) {
        return new LoggedOperation(id, kind, node, "default", status, phase, Optional.empty());
    }

    @Test
    void anInterruptedResumeIsFinishedWithTheMachineThatAlreadyRunsAndTheSameOperationId() {
        EngineHarness h = harness();
        sim.adopt(machine("test1", "op-1", Optional.of("10.0.0.7")));
        h.slurm.states.put("test1", state("test1", "IDLE", "CLOUD", "POWERING_UP", "NOT_RESPONDING"));

        List<String> decisions = h.engine.recover(Map.of("test1",
                logged("op-1", OperationKind.RESUME, "test1", OperationStatus.RUNNING, Phase.BOOTING)));
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(decisions).containsExactly("test1: interrupted RESUME op-1 continued");
        assertThat(h.engine.operation("op-1").orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        assertThat(h.backend.list()).hasSize(1);
        assertThat(h.slurm.calls).containsExactly("update test1 nodeaddr=10.0.0.7 nodehostname=test1");
    }

    @Test
    void anInterruptedResumeOfANodeSlurmShowsPoweredDownIsRolledBack() {
        EngineHarness h = harness();
        sim.adopt(machine("test2", "op-2", Optional.empty()));
        h.slurm.states.put("test2", state("test2", "IDLE", "CLOUD", "POWERED_DOWN"));

        List<String> decisions = h.engine.recover(Map.of("test2",
                logged("op-2", OperationKind.RESUME, "test2", OperationStatus.RUNNING, Phase.CREATING)));
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(decisions).singleElement().asString().contains("rolled back");
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.phase("test2")).isEqualTo(Phase.POWERED_DOWN);
        assertThat(h.slurm.calls).isEmpty();
    }

    @Test
    void anInterruptedSuspendIsFinished() {
        EngineHarness h = harness();
        sim.adopt(machine("test3", "op-3", Optional.of("10.0.0.3")));

        h.engine.recover(Map.of("test3", logged("op-9", OperationKind.SUSPEND, "test3", OperationStatus.RUNNING,
                Phase.DESTROYING)));
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(h.engine.operation("op-9").orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(h.backend.list()).isEmpty();
    }

    @Test
    void aMachineOfANodeThatIsNoCloudNodeIsReleasedAtStart() {
        EngineHarness h = harness();
        sim.adopt(machine("login1", "op-4", Optional.of("10.0.0.4")));
        sim.adopt(machine("old7", "op-5", Optional.of("10.0.0.5")));

        List<String> decisions = h.engine.recover(Map.of());
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(decisions).hasSize(2).allSatisfy(d -> assertThat(d).contains("belongs to no CLOUD node of a pool"));
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.engine.nodes()).extracting(NodeView::name).doesNotContain("login1", "old7");
    }

    @Test
    void aReadyNodeIsRestoredWithItsAddressAndAResumeReturnsItsOperation() {
        EngineHarness h = harness();
        sim.adopt(machine("test4", "op-6", Optional.of("10.0.0.6")));
        h.slurm.states.put("test4", state("test4", "IDLE", "CLOUD"));

        assertThat(h.engine.recover(Map.of("test4", logged("op-6", OperationKind.RESUME, "test4",
                OperationStatus.SUCCEEDED, Phase.READY)))).isEmpty();

        assertThat(h.node("test4").phase()).isEqualTo(Phase.READY);
        assertThat(h.node("test4").address()).contains("10.0.0.6");
        assertThat(h.engine.resume(List.of("test4"), Map.of()).get(0).id()).isEqualTo("op-6");
    }

    @Test
    void aFailureRecordedBeforeTheRestartIsShownAgain() {
        EngineHarness h = harness();
        h.engine.recover(Map.of("test5", new LoggedOperation("op-7", OperationKind.RESUME, "test5", "default",
                OperationStatus.FAILED, Phase.FAILED, Optional.of("no address for test5 within PT5M"))));

        assertThat(h.phase("test5")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test5").lastError()).contains("no address for test5 within PT5M");
    }

    @Test
    void aNodeWhoseResumeAndCleanUpFailedStaysFailedWithItsReasonAfterARestartAndItsMachineGoesWithTheNextSuspend() {
        EngineHarness h = harness();
        String reason = "define domain: permanent error; clean-up failed: undefine: transient error (gave up after 4 attempts)";
        sim.adopt(new Machine("test5", "default", "sim-test5", "op-7", false, Optional.empty()));
        h.slurm.states.put("test5", state("test5", "DOWN", "CLOUD", "POWERING_UP", "NOT_RESPONDING"));

        List<String> decisions = h.engine.recover(Map.of("test5", new LoggedOperation("op-7", OperationKind.RESUME,
                "test5", "default", OperationStatus.FAILED, Phase.FAILED, Optional.of(reason))));
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(decisions).isEmpty();
        assertThat(h.phase("test5")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test5").lastError()).contains(reason);
        assertThat(h.engine.operation("op-7")).isEmpty();
        assertThat(h.backend.list()).extracting(Machine::node).containsExactly("test5");

        h.engine.suspend(List.of("test5"));
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.backend.list()).isEmpty();
        assertThat(h.phase("test5")).isEqualTo(Phase.POWERED_DOWN);
    }

    @Test
    void aNodeWhoseResumeAndCleanUpFailedIsNotResumedAgainByTheRestartWhileSlurmHasItDown() {
        EngineHarness h = harness();
        sim.adopt(new Machine("test6", "default", "sim-test6", "op-8", false, Optional.empty()));
        h.slurm.states.put("test6", state("test6", "DOWN", "CLOUD", "POWERING_UP", "NOT_RESPONDING"));
        h.engine.recover(Map.of("test6", new LoggedOperation("op-8", OperationKind.RESUME, "test6", "default",
                OperationStatus.FAILED, Phase.FAILED, Optional.of("start domain: permanent error"))));

        h.scheduler.advance(Duration.ofMinutes(2));
        assertThat(h.engine.sweepOrphans()).isEmpty();
        h.scheduler.runUntilIdle();

        assertThat(h.phase("test6")).isEqualTo(Phase.FAILED);
        assertThat(h.backend.list()).hasSize(1);
        assertThat(h.slurm.calls).isEmpty();
    }

    @Test
    void aMachineOfANodeSlurmShowsPoweredDownIsReleasedOnlyAfterTheGracePeriod() {
        EngineHarness h = harness();
        sim.adopt(machine("test6", "op-8", Optional.of("10.0.0.8")));
        h.slurm.states.put("test6", state("test6", "IDLE", "CLOUD", "POWERED_DOWN"));
        h.engine.recover(Map.of());

        h.scheduler.advance(Duration.ofMinutes(9));
        assertThat(h.engine.sweepOrphans()).isEmpty();
        assertThat(h.backend.list()).hasSize(1);
        h.scheduler.advance(Duration.ofMinutes(2));
        List<String> actions = h.engine.sweepOrphans();
        h.scheduler.runUntilIdle();

        assertThat(actions).singleElement().asString().contains("orphan machine sim-test6 released");
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.phase("test6")).isEqualTo(Phase.POWERED_DOWN);
    }

    @Test
    void aMachineIsKeptWhenSlurmShowsTheNodeUpAgainWithinTheGracePeriod() {
        EngineHarness h = harness();
        sim.adopt(machine("test7", "op-9", Optional.of("10.0.0.9")));
        h.slurm.states.put("test7", state("test7", "IDLE", "CLOUD", "POWERED_DOWN"));
        h.engine.recover(Map.of());
        h.scheduler.advance(Duration.ofMinutes(5));
        h.slurm.states.put("test7", state("test7", "IDLE", "CLOUD"));
        h.engine.sweepOrphans();
        h.slurm.states.put("test7", state("test7", "IDLE", "CLOUD", "POWERED_DOWN"));
        h.scheduler.advance(Duration.ofMinutes(6));

        assertThat(h.engine.sweepOrphans()).singleElement().asString().contains("released after PT10M unless resumed");
        h.scheduler.runUntilIdle();
        assertThat(h.backend.list()).hasSize(1);
    }

    @Test
    void aNodeWhoseMachineVanishedFromTheBackendIsShownPoweredDownWithTheReason() {
        EngineHarness h = harness();
        h.engine.resume(List.of("test8"), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));
        sim.release("test8", "default");
        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(h.engine.sweepOrphans()).containsExactly("test8: machine disappeared from the backend");
        assertThat(h.phase("test8")).isEqualTo(Phase.POWERED_DOWN);
        assertThat(h.node("test8").lastError()).contains("the machine disappeared from the backend");
    }
}
