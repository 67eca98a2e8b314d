package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.elasticslurm.provisioner.testing.FlakyJournal;
import org.junit.jupiter.api.Test;

class EngineJournalTest {
    private final FlakyJournal journal = new FlakyJournal();
    private final EngineHarness h = EngineHarness.journaled(journal);

    @Test
    void aResumeWhoseTransitionsCannotBeLoggedFailsReleasesItsMachineAndSlurmHearsTheCause() {
        String id = h.engine.resume(List.of("test1"), Map.of()).get(0).id();
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(h.phase("test1")).isEqualTo(Phase.BOOTING);

        journal.full = true;
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.engine.operation(id).orElseThrow().status()).isEqualTo(OperationStatus.FAILED);
        assertThat(h.phase("test1")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test1").lastError()).contains(FlakyJournal.ENOSPC);
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.slurm.calls).containsExactly("down test1 reason=provisioner: " + FlakyJournal.ENOSPC);
        assertThat(h.scheduler.pending()).isZero();
    }

    @Test
    void aResumeAcceptedWhenTheLogFirstFailsNeverStaysCreating() {
        journal.full = true;

        String id = h.engine.resume(List.of("test2"), Map.of()).get(0).id();
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.engine.operation(id).orElseThrow().status()).isEqualTo(OperationStatus.FAILED);
        assertThat(h.phase("test2")).isEqualTo(Phase.FAILED);
        assertThat(h.slurm.callsFor("test2")).containsExactly("down test2 reason=provisioner: " + FlakyJournal.ENOSPC);
        assertThat(h.backend.list()).isEmpty();
    }

    @Test
    void newWorkIsRefusedAsUnavailableWhileTheLogCannotBeWrittenAndAcceptedAgainOnceItCan() {
        journal.full = true;
        String failed = h.engine.resume(List.of("test1"), Map.of()).get(0).id();
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> h.engine.resume(List.of("test1"), Map.of()))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("operation log cannot be written", FlakyJournal.ENOSPC,
                            "nothing was done");
                });
        assertThatThrownBy(() -> h.engine.suspend(List.of("test3"))).isInstanceOf(RequestRejectedException.class);
        assertThat(h.engine.journalFailure()).contains(FlakyJournal.ENOSPC);
        assertThat(h.engine.sweepOrphans()).singleElement().asString().startsWith("sweep skipped");

        journal.full = false;

        assertThat(h.engine.journalFailure()).isEmpty();
        assertThat(journal.written).anySatisfy(e -> {
            assertThat(e.operation()).isEqualTo(failed);
            assertThat(e.status()).isEqualTo(OperationStatus.FAILED);
        });
        String again = h.engine.resume(List.of("test1"), Map.of()).get(0).id();
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(again).isNotEqualTo(failed);
        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
    }

    @Test
    void anErrorEscapingAStepFailsTheOperationInsteadOfLeavingItRunning() {
        h.slurm.nextUpdateError = new NoClassDefFoundError("org/example/Missing");
        String id = h.engine.resume(List.of("test4"), Map.of()).get(0).id();

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.engine.operation(id).orElseThrow().status()).isEqualTo(OperationStatus.FAILED);
        assertThat(h.node("test4").lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains("internal error", "NoClassDefFoundError", "org/example/Missing"));
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.slurm.callsFor("test4")).singleElement().asString().startsWith("down test4 reason=provisioner:");
        String next = h.engine.resume(List.of("test4"), Map.of()).get(0).id();
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(next).isNotEqualTo(id);
        assertThat(h.phase("test4")).isEqualTo(Phase.READY);
    }
}
