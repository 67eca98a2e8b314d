package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.PostConfigurer;
import org.elasticslurm.provisioner.testing.EngineHarness;
import org.elasticslurm.provisioner.testing.ObservedBackend;
import org.elasticslurm.provisioner.testing.TestConf;
import org.elasticslurm.provisioner.testing.TestPools;
import org.junit.jupiter.api.Test;

class OperationEngineTest {
    private final AtomicReference<ObservedBackend> observed = new AtomicReference<>();

    private EngineHarness harness(Duration boot) {
        return harness(boot, Map.of(), Optional.empty());
    }

    private EngineHarness harness(Duration boot, Map<String, String> props, Optional<PostConfigurer> post) {
        return new EngineHarness(TestPools.of(TestConf.CLOUD8, props), clock -> {
            ObservedBackend b = new ObservedBackend(EngineHarness.sim(clock, boot), clock);
            observed.set(b);
            return b;
        }, post);
    }

    private ObservedBackend backend() {
        return observed.get();
    }

    @Test
    void resumeStartsTheMachineWaitsForItsAddressAndThenReportsItToSlurm() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        OperationView op = h.engine.resume(List.of("test1"), Map.of()).get(0);
        h.scheduler.runUntilIdle();
        assertThat(h.phase("test1")).isEqualTo(Phase.BOOTING);
        h.scheduler.advance(Duration.ofSeconds(29));
        assertThat(h.phase("test1")).isEqualTo(Phase.BOOTING);
        assertThat(h.slurm.calls).isEmpty();

        h.scheduler.advance(Duration.ofSeconds(2));

        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        assertThat(h.node("test1").address()).contains("10.99.0.1");
        assertThat(h.node("test1").backendId()).contains("sim-test1");
        assertThat(h.slurm.calls).containsExactly("update test1 nodeaddr=10.99.0.1 nodehostname=test1");
        assertThat(h.engine.operation(op.id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
    }

    @Test
    void resumeOfANodeBeingResumedOrReadyReturnsTheSameOperationAndMakesNoSecondMachine() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        String first = h.engine.resume(List.of("test1"), Map.of()).get(0).id();
        h.scheduler.advance(Duration.ofSeconds(10));
        String during = h.engine.resume(List.of("test1"), Map.of()).get(0).id();
        h.scheduler.advance(Duration.ofMinutes(1));
        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        String after = h.engine.resume(List.of("test1"), Map.of()).get(0).id();
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(List.of(during, after)).containsOnly(first);
        assertThat(backend().callCount("ensure")).isEqualTo(1);
        assertThat(h.backend.list()).hasSize(1);
        assertThat(h.slurm.calls).hasSize(1);
    }

    @Test
    void suspendDuringBootCancelsTheResumeAndReleasesTheMachine() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        OperationView resume = h.engine.resume(List.of("test1"), Map.of()).get(0);
        h.scheduler.advance(Duration.ofSeconds(10));
        assertThat(h.phase("test1")).isEqualTo(Phase.BOOTING);

        OperationView suspend = h.engine.suspend(List.of("test1")).get(0);
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.engine.operation(resume.id()).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(h.engine.operation(resume.id()).orElseThrow().error()).hasValueSatisfying(
                e -> assertThat(e).contains("cancelled by SUSPEND " + suspend.id()));
        assertThat(h.engine.operation(suspend.id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(h.phase("test1")).isEqualTo(Phase.POWERED_DOWN);
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.slurm.calls).as("Slurm is not told an address of a machine that is gone").isEmpty();
    }

    @Test
    void suspendArrivingWhileTheMachineIsBeingCreatedCancelsTheResumeOnceTheCallReturnsAndReleasesIt() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        AtomicReference<OperationView> suspend = new AtomicReference<>();
        backend().duringEnsure = r -> suspend.set(h.engine.suspend(List.of(r.node())).get(0));
        OperationView resume = h.engine.resume(List.of("test2"), Map.of()).get(0);

        h.scheduler.advance(Duration.ofMinutes(2));

        assertThat(suspend.get().status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(h.engine.operation(resume.id()).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(h.engine.operation(suspend.get().id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(backend().calls).containsExactly("ensure test2", "release test2");
        assertThat(backend().violations).isEmpty();
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.phase("test2")).isEqualTo(Phase.POWERED_DOWN);
    }

    @Test
    void resumeAfterASuspendWaitsForTheReleaseAndThenMakesAFreshMachine() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        h.engine.resume(List.of("test1"), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));
        OperationView suspend = h.engine.suspend(List.of("test1")).get(0);
        OperationView resume = h.engine.resume(List.of("test1"), Map.of()).get(0);
        assertThat(resume.status()).isEqualTo(OperationStatus.QUEUED);
        assertThat(h.engine.resume(List.of("test1"), Map.of()).get(0).id()).isEqualTo(resume.id());

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.engine.operation(suspend.id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(h.engine.operation(resume.id()).orElseThrow().status()).isEqualTo(OperationStatus.SUCCEEDED);
        assertThat(backend().calls).containsExactly("ensure test1", "release test1", "ensure test1");
        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
    }

    @Test
    void suspendCancelsAQueuedResumeBeforeItStarts() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        h.engine.resume(List.of("test1"), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));
        OperationView firstSuspend = h.engine.suspend(List.of("test1")).get(0);
        OperationView queuedResume = h.engine.resume(List.of("test1"), Map.of()).get(0);
        OperationView secondSuspend = h.engine.suspend(List.of("test1")).get(0);

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(secondSuspend.id()).isEqualTo(firstSuspend.id());
        assertThat(h.engine.operation(queuedResume.id()).orElseThrow().status()).isEqualTo(OperationStatus.CANCELLED);
        assertThat(backend().calls).containsExactly("ensure test1", "release test1");
        assertThat(h.phase("test1")).isEqualTo(Phase.POWERED_DOWN);
    }

    @Test
    void transientBackendFailuresAreRetriedWithExponentialBackoff() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        backend().ensureFailures.add(new BackendException("libvirt connection lost", true, null));
        backend().ensureFailures.add(new BackendException("libvirt connection lost", true, null));
        var start = h.clock.instant();
        h.engine.resume(List.of("test1"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(2));

        assertThat(backend().ensureTimes).containsExactly(start, start.plusSeconds(1), start.plusSeconds(3));
        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        assertThat(h.events).anySatisfy(e -> assertThat(e.message()).hasValueSatisfying(
                m -> assertThat(m).contains("attempt 2 failed (transient): libvirt connection lost; retrying in PT2S")));
    }

    @Test
    void transientFailuresBeyondTheAttemptLimitFailTheNodeAndMarkItDown() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        for (int i = 0; i < 4; i++) {
            backend().ensureFailures.add(new BackendException("host busy", true, null));
        }
        h.engine.resume(List.of("test1"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(2));

        assertThat(backend().callCount("ensure")).isEqualTo(4);
        assertThat(h.phase("test1")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test1").lastError()).get().asString().contains("host busy (gave up after 4 attempts)");
        assertThat(h.slurm.calls).containsExactly("down test1 reason=provisioner: host busy (gave up after 4 attempts)");
    }

    @Test
    void aFailedNodeIsReleasedAndMarkedDownWithTheErrorWhileOtherNodesCarryOn() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        backend().duringEnsure = r -> {
            if (r.node().equals("test2")) {
                throw new BackendException("domain test2: cannot allocate memory", false, null);
            }
        };
        h.engine.resume(List.of("test1", "test2", "test3"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        assertThat(h.phase("test3")).isEqualTo(Phase.READY);
        assertThat(h.phase("test2")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test2").lastError()).contains("domain test2: cannot allocate memory");
        assertThat(backend().calls).contains("release test2");
        assertThat(h.slurm.callsFor("test2"))
                .containsExactly("down test2 reason=provisioner: domain test2: cannot allocate memory");
        assertThat(h.backend.list()).extracting(m -> m.node()).containsExactlyInAnyOrder("test1", "test3");
    }

    @Test
    void aFailedResumeWhoseCleanUpFailsTooStillMarksTheNodeDownInSlurmNamingBoth() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        backend().duringEnsure = r -> {
            throw new BackendException("domain test2: cannot allocate memory", false, null);
        };
        backend().releaseFailures.add(new BackendException("deleteVolume test2.qcow2: permission denied", false, null));
        h.engine.resume(List.of("test2"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.phase("test2")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test2").lastError()).hasValue("domain test2: cannot allocate memory; clean-up failed:"
                + " deleteVolume test2.qcow2: permission denied");
        assertThat(h.slurm.callsFor("test2")).as("Slurm hears the resume failed though the clean-up failed too")
                .containsExactly("down test2 reason=provisioner: domain test2: cannot allocate memory; clean-up"
                        + " failed: deleteVolume test2.qcow2: permission denied");
    }

    @Test
    void aMarkDownThatFailsAfterTheCleanUpWentThroughIsTriedOnceMoreWithTheFailureAsItsReason() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        backend().duringEnsure = r -> {
            throw new BackendException("domain test2: cannot allocate memory", false, null);
        };
        h.slurm.failNextMarkDowns = 1;
        h.engine.resume(List.of("test2"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.phase("test2")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test2").lastError()).hasValue("domain test2: cannot allocate memory");
        assertThat(h.slurm.callsFor("test2"))
                .containsExactly("down test2 reason=provisioner: domain test2: cannot allocate memory");
        assertThat(h.backend.list()).extracting(m -> m.node()).doesNotContain("test2");
    }

    @Test
    void aMarkDownThatFailsTwiceAfterTheCleanUpWentThroughIsNamedAsSuchInTheError() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        backend().duringEnsure = r -> {
            throw new BackendException("domain test2: cannot allocate memory", false, null);
        };
        h.slurm.failNextMarkDowns = 2;
        h.engine.resume(List.of("test2"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.phase("test2")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test2").lastError()).get().asString()
                .startsWith("domain test2: cannot allocate memory; marking DOWN failed: ")
                .contains("Invalid node state specified").doesNotContain("clean-up failed");
    }

    @Test
    void aMarkDownThatFailsAfterAFailedCleanUpIsNamedAsSuchInTheError() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        backend().duringEnsure = r -> {
            throw new BackendException("domain test2: cannot allocate memory", false, null);
        };
        backend().releaseFailures.add(new BackendException("deleteVolume test2.qcow2: permission denied", false, null));
        h.slurm.failNextMarkDowns = 2;
        h.engine.resume(List.of("test2"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.phase("test2")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test2").lastError()).get().asString()
                .startsWith("domain test2: cannot allocate memory; clean-up failed: deleteVolume test2.qcow2:"
                        + " permission denied; marking DOWN failed: ")
                .contains("Invalid node state specified")
                .containsOnlyOnce("clean-up failed");
    }

    @Test
    void aNodeWhoseHostRefusesTheResumeAndTheCleanUpIsStillMarkedDownWithBothReasons() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        BackendException refused = new BackendException("cannot connect to h2: Connection refused", true, null);
        backend().duringEnsure = r -> {
            throw refused;
        };
        backend().duringRelease = n -> {
            throw refused;
        };
        h.engine.resume(List.of("test1"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(2));

        assertThat(h.phase("test1")).isEqualTo(Phase.FAILED);
        assertThat(h.slurm.callsFor("test1")).containsExactly("down test1 reason=provisioner: cannot connect to h2: "
                + "Connection refused (gave up after 4 attempts); clean-up failed: cannot connect to h2: Connection "
                + "refused (gave up after 4 attempts)");
    }

    @Test
    void aNodeWithoutAddressWithinTheTimeoutFailsAndItsMachineIsReleased() {
        EngineHarness h = harness(Duration.ofHours(1));
        h.engine.resume(List.of("test4"), Map.of());

        h.scheduler.advance(EngineHarness.ADDRESS_TIMEOUT.minusSeconds(5));
        assertThat(h.phase("test4")).isEqualTo(Phase.BOOTING);
        h.scheduler.advance(Duration.ofSeconds(10));

        assertThat(h.phase("test4")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test4").lastError()).hasValueSatisfying(e -> assertThat(e).contains("no address for test4 within PT5M"));
        assertThat(h.backend.list()).isEmpty();
        assertThat(h.slurm.calls).singleElement().asString().startsWith("down test4 reason=provisioner: no address");
    }

    @Test
    void aControllerUnreachableForTwoMinutesDelaysTheReportButDoesNotFailTheResume() {
        EngineHarness h = harness(Duration.ofSeconds(3));
        h.slurm.failNextUpdates = 8; // waits 1+2+4+8+16+30+30+30 s: past max-attempts, within slurm.unreachable-retry
        h.engine.resume(List.of("test1"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(5));

        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        assertThat(h.slurm.calls).containsExactly("update test1 nodeaddr=10.99.0.1 nodehostname=test1");
    }

    @Test
    void aControllerUnreachableLongerThanTheRetryWindowFailsTheResumeSayingSo() {
        EngineHarness h = harness(Duration.ofSeconds(3));
        h.slurm.failNextUpdates = 1000;
        h.engine.resume(List.of("test1"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(10));

        assertThat(h.phase("test1")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test1").lastError()).get().asString().contains("Unable to contact slurm controller", "gave up after");
    }

    @Test
    void aTransientSlurmFailureWhenReportingIsRetried() {
        EngineHarness h = harness(Duration.ofSeconds(3));
        h.slurm.failNextUpdates = 1;
        h.engine.resume(List.of("test1"), Map.of());

        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.phase("test1")).isEqualTo(Phase.READY);
        assertThat(h.slurm.calls).containsExactly("update test1 nodeaddr=10.99.0.1 nodehostname=test1");
    }

    @Test
    void resumeFailReleasesTheMachineAndLeavesTheNodeFailed() {
        EngineHarness h = harness(Duration.ofSeconds(30));
        h.engine.resume(List.of("test1"), Map.of());
        h.scheduler.advance(Duration.ofSeconds(5));

        OperationView fail = h.engine.resumeFail(List.of("test1")).get(0);
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(fail.kind()).isEqualTo(OperationKind.RESUME_FAIL);
        assertThat(h.phase("test1")).isEqualTo(Phase.FAILED);
        assertThat(h.node("test1").lastError()).hasValueSatisfying(e -> assertThat(e).contains("ResumeTimeout"));
        assertThat(h.backend.list()).isEmpty();
    }

    @Test
    void everyTransitionOfAResumeReachesTheListenerInOrder() {
        EngineHarness h = harness(Duration.ofSeconds(4));
        String id = h.engine.resume(List.of("test1"), Map.of("test1", List.of(17L))).get(0).id();

        h.scheduler.advance(Duration.ofMinutes(1));

        List<String> trail = h.events.stream().filter(e -> e.operation().equals(id))
                .map(e -> e.status() + "/" + e.phase()).toList();
        assertThat(trail).containsExactly("RUNNING/CREATING", "RUNNING/BOOTING", "RUNNING/BOOTING", "RUNNING/READY",
                "SUCCEEDED/READY");
        assertThat(h.engine.operation(id).orElseThrow().jobs()).containsExactly(17L);
    }

    @Test
    void postConfigRunsWithPlaceholdersReplacedBeforeSlurmIsTold() {
        List<List<String>> runs = new java.util.ArrayList<>();
        PostConfigurer runner = (cmd, timeout) -> {
            runs.add(cmd);
            return new PostConfigurer.Result(0, "ok: 3 tasks");
        };
        EngineHarness h = harness(Duration.ofSeconds(4), Map.of(
                "provisioner.pools.p.nodes", "test[1-8]",
                "provisioner.pools.p.post-config.command", "/usr/bin/ansible-playbook,-l,{node},-e,ip={address},{pool}"),
                Optional.of(runner));
        h.engine.resume(List.of("test5"), Map.of());
        h.scheduler.advance(Duration.ofSeconds(4));
        h.scheduler.runUntilIdle();

        assertThat(runs).containsExactly(List.of("/usr/bin/ansible-playbook", "-l", "test5", "-e", "ip=10.99.0.1", "p"));
        assertThat(h.phase("test5")).isEqualTo(Phase.READY);
        assertThat(h.events).anySatisfy(e -> assertThat(e.message()).contains("post-config succeeded: ok: 3 tasks"));
    }

    @Test
    void failingPostConfigFailsTheNodeWithItsOutputAndSlurmHearsWhy() {
        PostConfigurer runner = (cmd, timeout) -> new PostConfigurer.Result(2, "fatal: host unreachable");
        EngineHarness h = harness(Duration.ofSeconds(4), Map.of(
                "provisioner.pools.p.post-config.command", "/usr/bin/false"), Optional.of(runner));
        h.engine.resume(List.of("test5"), Map.of());
        h.scheduler.advance(Duration.ofMinutes(1));

        assertThat(h.phase("test5")).isEqualTo(Phase.FAILED);
        assertThat(h.slurm.calls).containsExactly(
                "down test5 reason=provisioner: post-config exited with status 2: fatal: host unreachable");
        assertThat(h.backend.list()).isEmpty();
    }
}
