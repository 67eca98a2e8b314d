package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.sim.SimBackend;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestPools;
import org.junit.jupiter.api.Test;

/** Slurm's view drives the engine where a hook call was lost (service down, restarting, refusing). */
class EngineReconcileTest {
    private SimBackend sim;
    private final EngineHarness h = new EngineHarness(TestPools.of(TestConf.CLOUD8, Map.of()), clock -> {
        sim = EngineHarness.sim(clock, Duration.ofSeconds(30));
        return sim;
    }, Optional.empty());

    private void slurmShows(String node, String base, String... flags) {
        h.slurm.states.put(node, new SlurmNodeState(node, base,
                Stream.concat(Stream.of("CLOUD"), Stream.of(flags)).collect(Collectors.toSet()), node, Optional.empty()));
    }

    private void machineRuns(String node) {
        sim.adopt(new Machine(node, "default", "sim-" + node, "op-" + node, true, Optional.of("10.0.0.1")));
    }

    @Test
    void aNodeSlurmBootsWhileNoOperationWasRecordedIsResumedAtStart() {
        slurmShows("test1", "ALLOCATED", "NOT_RESPONDING", "POWERING_UP");

        List<String> decisions = h.engine.recover(Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(decisions).singleElement().asString().startsWith("test1: Slurm waits for the node (")
                .contains("POWERING_UP", "RESUME");
        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        assertThat(h.slurm.calls).containsExactly("update test1 nodeaddr=10.99.0.1 nodehostname=test1");
    }

    @Test
    void aResumeLostWhileTheServiceRunsIsStartedByTheNextReconcileAndOnlyOnce() {
        h.engine.recover(Map.of());
        slurmShows("test2", "IDLE", "NOT_RESPONDING", "POWERING_UP");

        List<String> actions = h.engine.sweepOrphans();
        h.scheduler.advance(Duration.ofSeconds(5));
        List<String> during = h.engine.sweepOrphans();
        String hookCall = h.engine.resume(List.of("test2"), Map.of()).get(0).id();
        h.scheduler.advance(Duration.ofMinutes(1));
        List<String> after = h.engine.sweepOrphans();

        assertThat(actions).singleElement().asString().startsWith("test2: Slurm waits for the node");
        assertThat(during).isEmpty();
        assertThat(after).isEmpty();
        assertThat(h.node("test2").operationId()).contains(hookCall);
        assertThat(h.phase("test2")).isEqualTo(Phase.READY);
        assertThat(h.backend.list()).hasSize(1);
    }

    @Test
    void aNodeSlurmBootsButShowsDownIsNotResumed() {
        slurmShows("test3", "DOWN", "NOT_RESPONDING", "POWERING_UP");

        assertThat(h.engine.recover(Map.of())).isEmpty();
        assertThat(h.engine.sweepOrphans()).isEmpty();
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.phase("test3")).isEqualTo(Phase.POWERED_DOWN);
        assertThat(h.backend.list()).isEmpty();
    }

    @Test
    void aMachineOfANodeSlurmIsPoweringDownIsReleasedAtStartWithoutWaitingForTheGracePeriod() {
        machineRuns("test4");
        slurmShows("test4", "IDLE", "POWERING_DOWN");

        List<String> decisions = h.engine.recover(Map.of());
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(decisions).singleElement().asString().contains("Slurm is powering the node down", "released");
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.phase("test4")).isEqualTo(Phase.POWERED_DOWN);
    }

    @Test
    void aMachineOfANodeSlurmIsPoweringDownIsReleasedByTheNextReconcile() {
        h.engine.resume(List.of("test5"), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));
        slurmShows("test5", "IDLE", "POWERING_DOWN");

        List<String> actions = h.engine.sweepOrphans();
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(actions).singleElement().asString().contains("released: Slurm is powering the node down");
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.phase("test5")).isEqualTo(Phase.POWERED_DOWN);
    }

    @Test
    void aNodeMissingFromSlurmsViewIsUnknownAndItsMachineIsNeverReleased() {
        machineRuns("test6");
        h.engine.recover(Map.of());

        for (int i = 0; i < 60; i++) {
            h.scheduler.advance(Duration.ofMinutes(1));
            h.engine.sweepOrphans();
        }
        h.scheduler.runUntilIdle();

        assertThat(h.backend.list()).extracting(Machine::node).containsExactly("test6");
        assertThat(h.phase("test6")).isEqualTo(Phase.READY);
    }

    @Test
    void aReadyNodeSlurmStillBootsIsLeftAlone() {
        h.engine.resume(List.of("test7"), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));
        slurmShows("test7", "IDLE", "NOT_RESPONDING", "POWERING_UP");

        assertThat(h.engine.sweepOrphans()).isEmpty();
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.backend.list()).hasSize(1);
        assertThat(h.slurm.calls).hasSize(1);
        assertThat(Set.of(h.phase("test7"))).containsExactly(Phase.READY);
    }
}
