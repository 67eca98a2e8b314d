package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A suspend or resume-fail never releases the machine of a node Slurm shows busy, unless forced. */
class BusyNodeReleaseTest {
    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void twoReadyNodes() {
        h.engine.resume(List.of("test1", "test2"), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(h.backend.list()).hasSize(2);
    }

    private void slurmShows(String node, String base, String... flags) {
        h.slurm.states.put(node, new SlurmNodeState(node, base,
                Stream.concat(Stream.of("CLOUD"), Stream.of(flags)).collect(Collectors.toSet()), node, Optional.empty()));
    }

    private List<String> machines() {
        return h.backend.list().stream().map(Machine::node).sorted().toList();
    }

    @Test
    void suspendOfABusyNodeIsRefusedWithConflictNamingTheNodeAndItsSlurmState() {
        slurmShows("test1", "ALLOCATED");

        assertThatThrownBy(() -> h.engine.suspend(List.of("test1")))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("suspend refused", "node test1 is ALLOCATED+CLOUD in Slurm",
                            "nothing was done", "\"force\": true");
                });
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(machines()).containsExactly("test1", "test2");
        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
    }

    @Test
    void aRequestNamingOneBusyNodeReleasesNoneOfItsNodes() {
        slurmShows("test1", "IDLE");
        slurmShows("test2", "MIXED");

        assertThatThrownBy(() -> h.engine.suspend(List.of("test1", "test2")))
                .hasMessageContaining("node test2 is MIXED+CLOUD").hasMessageNotContaining("node test1");
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(machines()).containsExactly("test1", "test2");
    }

    @Test
    void resumeFailOfANodeWithACompletingJobIsRefused() {
        slurmShows("test2", "IDLE", "COMPLETING");

        assertThatThrownBy(() -> h.engine.resumeFail(List.of("test2"))).hasMessageContaining("resume-fail refused");
        assertThat(machines()).containsExactly("test1", "test2");
    }

    @Test
    void slurmsOwnSuspendOfAPoweringDownNodeAlwaysPasses() {
        slurmShows("test1", "IDLE", "POWERING_DOWN");

        h.engine.suspend(List.of("test1"));
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(machines()).containsExactly("test2");
        assertThat(h.phase("test1")).isEqualTo(Phase.POWERED_DOWN);
    }

    @Test
    void slurmsOwnResumeFailOfADownPoweredDownNodeAlwaysPasses() {
        slurmShows("test2", "DOWN", "POWERED_DOWN", "NOT_RESPONDING");

        h.engine.resumeFail(List.of("test2"));
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(machines()).containsExactly("test1");
        assertThat(h.phase("test2")).isEqualTo(Phase.FAILED);
    }

    @Test
    void idleDownAndHiddenNodesMayBeSuspended() {
        slurmShows("test1", "IDLE");
        slurmShows("test2", "DOWN");

        h.engine.suspend(List.of("test1", "test2", "test3"));
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(machines()).isEmpty();
    }

    @Test
    void forceReleasesABusyNode() {
        slurmShows("test1", "ALLOCATED");

        h.engine.suspend(List.of("test1"), true);
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(machines()).containsExactly("test2");
    }

    @Test
    void whenSlurmCannotBeReadASuspendIsRefusedAsUnavailableUnlessForced() {
        h.slurm.unreachable = true;

        assertThatThrownBy(() -> h.engine.suspend(List.of("test1")))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("Unable to contact slurm controller", "nothing was done");
                });
        assertThat(machines()).containsExactly("test1", "test2");

        h.engine.suspend(List.of("test1"), true);
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(machines()).containsExactly("test2");
    }
}
