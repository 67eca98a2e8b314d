package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.slurm.SlurmNodeState;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.elasticslurm.provisioner.testing.ObservedBackend;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestPools;
import org.junit.jupiter.api.Test;

/**
 * A resume that succeeds after a failed one: the failure marked the node DOWN in Slurm, and slurmctld 22.05 clears
 * that reason when it wakes the node again (a POWER_UP still pending, e.g. from state saved before a restart),
 * leaving it DOWN without a reason - unused by Slurm although its machine runs.
 */
class ResumeAfterFailureTest {
    private final AtomicReference<ObservedBackend> observed = new AtomicReference<>();
    private final AtomicReference<OperationEngine> engine = new AtomicReference<>();
    private final List<NodeView> shownReady = new CopyOnWriteArrayList<>();
    private final EngineHarness h = new EngineHarness(TestPools.of(TestConf.CLOUD8, Map.of()), clock -> {
        ObservedBackend b = new ObservedBackend(EngineHarness.sim(clock, Duration.ofSeconds(3)), clock);
        observed.set(b);
        return b;
    }, Optional.empty(), new ViewAtEachTransition());

    {
        engine.set(h.engine);
    }

    /** Keeps the node's view as a client would read it at each transition into READY. */
    private final class ViewAtEachTransition implements OperationJournal {
        @Override
        public void onEvent(OperationEvent event) {
            if (event.phase() == Phase.READY) {
                engine.get().node(event.node()).ifPresent(shownReady::add);
            }
        }

        @Override
        public Optional<String> failure() {
            return NONE.failure(); // never fails to write, as the journal of no file
        }

        @Override
        public boolean probe() {
            return NONE.probe();
        }
    }

    private void failFirstResume(String node) {
        observed.get().ensureFailures.add(new BackendException("injected permanent fault: define " + node, false,
                null));
        h.engine.resume(List.of(node), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(h.phase(node)).isEqualTo(Phase.FAILED);
    }

    private void slurmShows(String node, String state, Optional<String> reason) {
        String[] words = state.split("\\+");
        h.slurm.states.put(node, new SlurmNodeState(node, words[0], Set.of(words).stream()
                .filter(w -> !w.equals(words[0])).collect(java.util.stream.Collectors.toSet()), node, reason));
    }

    private void resumeAgain(String node) {
        h.engine.resume(List.of(node), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(h.phase(node)).isEqualTo(Phase.READY);
    }

    @Test
    void aNodeLeftDownWithoutAReasonBySlurmsWakeIsReturnedToServiceOnceItsNextResumeSucceeds() {
        failFirstResume("test1");
        slurmShows("test1", "DOWN+CLOUD+NOT_RESPONDING+POWERING_UP", Optional.empty());

        resumeAgain("test1");

        assertThat(h.slurm.callsFor("test1")).satisfiesExactly(
                c -> assertThat(c).startsWith("down test1 reason=provisioner: injected permanent fault"),
                c -> assertThat(c).startsWith("update test1 nodeaddr="),
                c -> assertThat(c).isEqualTo("resume test1"));
    }

    @Test
    void aNodeStillDownWithTheProvisionersReasonIsReturnedToServiceOnceItsNextResumeSucceeds() {
        failFirstResume("test2");
        slurmShows("test2", "DOWN+CLOUD+NOT_RESPONDING+POWERING_UP",
                Optional.of("provisioner: injected permanent fault: define test2"));

        resumeAgain("test2");

        assertThat(h.slurm.callsFor("test2")).last().isEqualTo("resume test2");
    }

    @Test
    void aNodeAnAdminSetDownWithItsOwnReasonStaysDown() {
        failFirstResume("test3");
        slurmShows("test3", "DOWN+CLOUD+NOT_RESPONDING+POWERING_UP", Optional.of("bad DIMM, ticket 42"));

        resumeAgain("test3");

        assertThat(h.slurm.callsFor("test3")).noneMatch(c -> c.startsWith("resume"));
    }

    @Test
    void aFirstResumeNeitherReadsSlurmsViewNorReturnsAnythingToService() {
        slurmShows("test4", "DOWN+CLOUD+POWERED_DOWN", Optional.of("provisioner: from another life"));

        resumeAgain("test4");

        assertThat(h.slurm.callsFor("test4")).singleElement().asString().startsWith("update test4 nodeaddr=");
    }

    @Test
    void aNodeShownReadyAgainNoLongerShowsTheFailureOfItsLastResume() {
        failFirstResume("test5");
        slurmShows("test5", "DOWN+CLOUD+NOT_RESPONDING+POWERING_UP", Optional.empty());

        resumeAgain("test5");

        assertThat(shownReady).isNotEmpty().allSatisfy(v -> assertThat(v.lastError())
                .as("the view of %s while READY", v.name()).isEmpty());
    }
}
