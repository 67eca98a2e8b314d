package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.Machine;
import org.elasticslurm.provisioner.backend.MachineBackend;
import org.elasticslurm.provisioner.backend.MachineListing;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.provisioner.backend.sim.SimBackend;
import org.elasticslurm.provisioner.testing.DelegatingBackend;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestPools;
import org.junit.jupiter.api.Test;

class EngineStartRecoveryTest {
    private static final String NO_ANSWER = "test:///default: list domains: no answer within PT2S";
    private static final String SILENT_HOST = "qemu+ssh://b/system";

    private SimBackend sim;
    private SlowListing slow;
    private PartlySilent silentHost;
    private final List<String> later = new ArrayList<>();
    private final List<String> gaveUp = new ArrayList<>();
    private final RecoveryListener listener = new RecoveryListener() {
        @Override
        public void retrying(String line) {
            later.add(line);
        }

        @Override
        public void recovered(String line) {
            later.add(line);
        }

        @Override
        public void gaveUp(String reason) {
            gaveUp.add(reason);
        }
    };

    private EngineHarness harness(int failedListings) {
        return harness(backend -> slow = new SlowListing(backend, failedListings));
    }

    /** A harness whose machine of test2 is on a host that is silent until {@code silentHost.silent} is cleared. */
    private EngineHarness harnessWithSilentHost() {
        return harness(backend -> silentHost = new PartlySilent(backend, "test2"));
    }

    private EngineHarness harness(UnaryOperator<MachineBackend> wrap) {
        return new EngineHarness(TestPools.of(TestConf.CLOUD8, Map.of()), clock -> {
            sim = EngineHarness.sim(clock, Duration.ofSeconds(30));
            return wrap.apply(sim);
        }, Optional.empty());
    }

    private static LoggedOperation interruptedResume(String id, String node) {
        return new LoggedOperation(id, OperationKind.RESUME, node, "default", OperationStatus.RUNNING,
                Phase.BOOTING, Optional.empty());
    }

    @Test
    void aStartWhoseFirstListingHasNoAnswerDoesNotFailAndRecoversOnALaterAttempt() {
        EngineHarness h = harness(1);
        sim.adopt(new Machine("test3", "default", "sim-test3", "op-3", true, Optional.of("10.0.0.3")));

        assertThatCode(() -> h.engine.recover(Map.of("test3", interruptedResume("op-3", "test3"))))
                .doesNotThrowAnyException();
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(h.phase("test3")).isEqualTo(Phase.READY);
        assertThat(h.engine.operation("op-3").orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
    }

    @Test
    void aListingWithNoAnswerAtStartIsTriedAgainWithBackoffAndTheInterruptedResumeIsContinuedThen() {
        EngineHarness h = harness(2);
        sim.adopt(new Machine("test1", "default", "sim-test1", "op-1", true, Optional.of("10.0.0.7")));

        List<String> first = h.engine.recover(Map.of("test1", interruptedResume("op-1", "test1")),
                Duration.ofMinutes(10), listener);

        assertThat(first).singleElement().asString().contains(NO_ANSWER).contains("tried again in PT1S");
        assertThat(h.engine.recoveryPending()).get().asString().contains("restart recovery has not run yet")
                .contains(NO_ANSWER);
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(later).singleElement().asString().contains("attempt 2 failed").contains("tried again in PT2S");
        h.scheduler.advance(Duration.ofSeconds(2));
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(slow.listings).isGreaterThanOrEqualTo(3);
        assertThat(later).element(1).asString().isEqualTo(
                "recovery ran at attempt 3: test1: interrupted RESUME op-1 continued");
        assertThat(h.engine.recoveryPending()).isEmpty();
        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        assertThat(h.engine.operation("op-1").orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(gaveUp).isEmpty();
    }

    @Test
    void noOperationIsAcceptedAndNoSweepRunsBeforeRecoveryHasRun() {
        EngineHarness h = harness(1);
        h.engine.recover(Map.of(), Duration.ofMinutes(10), listener);

        assertThatThrownBy(() -> h.engine.resume(List.of("test2"), Map.of()))
                .isInstanceOfSatisfying(RequestRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RequestRejectedException.Reason.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("before the restart recovery has run").contains(NO_ANSWER);
                });
        assertThatThrownBy(() -> h.engine.suspend(List.of("test2"), true))
                .isInstanceOf(RequestRejectedException.class);
        assertThat(h.engine.sweepOrphans()).singleElement().asString().startsWith("sweep skipped: restart recovery");
        assertThat(sim.list()).isEmpty();

        h.scheduler.advance(Duration.ofSeconds(1));
        h.engine.resume(List.of("test2"), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(h.phase("test2")).isEqualTo(Phase.READY);
    }

    @Test
    void recoveryGivesUpAfterItsBoundAndSaysWhy() {
        EngineHarness h = harness(Integer.MAX_VALUE);
        h.engine.recover(Map.of(), Duration.ofMinutes(2), listener);

        h.scheduler.advance(Duration.ofMinutes(3));

        assertThat(gaveUp).singleElement().asString().startsWith("restart recovery gave up after ")
                .contains(NO_ANSWER);
        assertThat(h.engine.recoveryPending()).get().asString().startsWith("restart recovery gave up");
        int listings = slow.listings;
        h.scheduler.advance(Duration.ofMinutes(10));
        assertThat(slow.listings).isEqualTo(listings);
    }

    @Test
    void aStartWithOneSilentHostRecoversTheOtherNodesAtOnceAndTheSilentHostsNodesWhenItAnswers() {
        EngineHarness h = harnessWithSilentHost();
        sim.adopt(new Machine("test1", "default", "sim-test1", "op-1", true, Optional.of("10.0.0.1")));
        sim.adopt(new Machine("test2", "default", "sim-test2", "op-2", true, Optional.of("10.0.0.2")));

        List<String> first = h.engine.recover(Map.of("test1", interruptedResume("op-1", "test1"),
                "test2", interruptedResume("op-2", "test2")), Duration.ofMinutes(10), listener);

        assertThat(h.engine.recoveryPending()).isEmpty();
        assertThat(first).contains("test1: interrupted RESUME op-1 continued")
                .anySatisfy(line -> assertThat(line).startsWith("test2: left as logged").contains(SILENT_HOST));
        assertThat(h.engine.unknownNodes()).containsOnlyKeys("test2");
        assertThat(h.engine.resume(List.of("test3"), Map.of())).hasSize(1);
        OperationView held = h.engine.resume(List.of("test2", "test4"), Map.of()).get(0);
        assertThat(held.status()).isEqualTo(OperationStatus.QUEUED);
        h.scheduler.advance(Duration.ofMinutes(2));

        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        assertThat(h.phase("test3")).isEqualTo(Phase.READY);
        assertThat(h.phase("test2")).as("as the log left it").isEqualTo(Phase.BOOTING);
        assertThat(h.phase("test4")).isEqualTo(Phase.READY);
        assertThat(h.engine.operation("op-2")).isEmpty();
        assertThat(h.engine.operation(held.id()).orElseThrow().status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(silentHost.callsForHidden).isZero();

        silentHost.silent = false;
        h.scheduler.advance(Duration.ofMinutes(2));

        assertThat(h.engine.unknownNodes()).isEmpty();
        assertThat(later).contains("recovery of nodes whose machine is known again: test2: interrupted RESUME op-2"
                + " continued");
        assertThat(h.phase("test2")).isEqualTo(Phase.READY);
        assertThat(h.engine.operation("op-2").orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(h.engine.operation(held.id()).orElseThrow().status()).as("run once the machine was known")
                .isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(sim.list()).filteredOn(m -> m.node().equals("test2")).hasSize(1);
    }

    @Test
    void aSuspendOfANodeWhoseMachineIsUnknownCancelsItsQueuedResumeAndRunsOnceTheSilentHostAnswers() {
        EngineHarness h = harnessWithSilentHost();
        sim.adopt(new Machine("test2", "default", "sim-test2", "op-2", true, Optional.of("10.0.0.2")));
        h.engine.recover(Map.of("test2", new LoggedOperation("op-2", OperationKind.RESUME, "test2", "default",
                OperationStatus.SUCCEEDED, Phase.READY, Optional.empty())), Duration.ofMinutes(10), listener);

        OperationView resume = h.engine.resume(List.of("test2"), Map.of()).get(0);
        OperationView suspend = h.engine.suspend(List.of("test2"), true).get(0);
        h.scheduler.advance(Duration.ofMinutes(2));

        assertThat(h.engine.operation(resume.id()).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(h.engine.operation(suspend.id()).orElseThrow().status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(silentHost.callsForHidden).isZero();
        assertThat(sim.list()).extracting(Machine::node).containsExactly("test2");

        silentHost.silent = false;
        h.scheduler.advance(Duration.ofMinutes(2));

        assertThat(h.engine.operation(suspend.id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(h.phase("test2")).isEqualTo(Phase.POWERED_DOWN);
        assertThat(sim.list()).isEmpty();
    }

    /**
     * A backend on two hosts, one of which is silent while {@code silent} is set: it holds the machine of the hidden
     * node, so the listing names that node unknown and any call for it fails, as the libvirt backend does.
     */
    private static final class PartlySilent extends DelegatingBackend {
        private final String hidden;
        volatile boolean silent = true;
        int callsForHidden;

        PartlySilent(MachineBackend delegate, String hidden) {
            super(delegate);
            this.hidden = hidden;
        }

        @Override
        public Machine ensureRunning(MachineRequest request) {
            if (silent && request.node().equals(hidden)) {
                callsForHidden++;
                throw new BackendException(SILENT_HOST + ": cannot connect", true, null);
            }
            return super.ensureRunning(request);
        }

        @Override
        public void release(String node, String pool) {
            if (silent && node.equals(hidden)) {
                callsForHidden++;
                throw new BackendException(SILENT_HOST + ": cannot connect", true, null);
            }
            super.release(node, pool);
        }

        @Override
        public List<Machine> list() {
            if (silent) {
                throw new BackendException(SILENT_HOST + ": cannot connect", true, null);
            }
            return super.list();
        }

        @Override
        public MachineListing listing() {
            if (!silent) {
                return MachineListing.complete(super.list());
            }
            return new MachineListing(super.list().stream().filter(m -> !m.node().equals(hidden)).toList(),
                    Map.of(hidden, "its machine may be on " + SILENT_HOST + ", which did not answer"));
        }
    }

    /** A backend whose first listings have no answer in time. */
    private static final class SlowListing extends DelegatingBackend {
        private final int failures;
        int listings;

        SlowListing(MachineBackend delegate, int failures) {
            super(delegate);
            this.failures = failures;
        }

        @Override
        public List<Machine> list() {
            listings++;
            if (listings <= failures) {
                throw new BackendException(NO_ANSWER, true, null);
            }
            return super.list();
        }
    }
}
