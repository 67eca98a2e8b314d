package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.job.JobListener;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * When the power-save thread scans and how many nodes a scan may wake, per version, on the virtual clock: 24.11's
 * strict scan trigger and token bucket (power_save.c of 24.11 and 26.05) against 22.05's. Each case mirrors a real
 * trace (differential/traces, named per test). The lab's controller starts 10.2 s before time 0, so its power-save
 * loop ticks at x.8 s.
 */
class PowerSavePaceTest {

    /** Milliseconds from the controller's start to time 0. */
    private static final long STARTED_BEFORE = 10_200;

    @TempDir
    Path dir;

    /** A lab whose CLOCK_MONOTONIC crosses a multiple of {@code periodMillis} {@code markAt} seconds after time 0. */
    private SimLab lab(SlurmVersion version, long periodMillis, double markAt, String... extra) {
        long monotonicStart = Math.floorMod(-(STARTED_BEFORE + Math.round(markAt * 1000)), periodMillis);
        return SimLab.conf(dir, TestConf.cloud("node[1-5]", extra)).version(version).monotonicStart(monotonicStart).start();
    }

    private static List<String> hosts(SimLab lab, HookKind kind) {
        return lab.calls(kind).stream().map(HookCall::hostlist).toList();
    }

    private static List<Double> times(SimLab lab, HookKind kind) {
        return lab.calls(kind).stream().map(c -> SimLab.t(c.time())).toList();
    }

    @Test
    void bucketOfResumeRateTwoHoldsOneTokenRefilledAtEachThirtySecondMarkOfTheMonotonicClock() {
        AtomicLong monotonic = new AtomicLong(1_000_000);
        TokenBucket bucket = new TokenBucket(2, 10, monotonic::get);

        assertThat(bucket.maxTokens()).isEqualTo(1);
        assertThat(bucket.allows()).as("the first read fills the bucket").isTrue();
        bucket.spend();
        monotonic.set(1_019_999);
        assertThat(bucket.allows()).as("no 30 s mark crossed (1,020,000 is the next)").isFalse();
        monotonic.set(1_020_000);
        assertThat(bucket.allows()).isTrue();
        monotonic.set(1_110_000);
        assertThat(bucket.tokens()).as("three marks crossed, capped at the bucket's size").isEqualTo(1);
    }

    @Test
    void bucketHoldsTheRateTimesTheIntervalInMinutesAndZeroRateIsUnlimited() {
        AtomicLong monotonic = new AtomicLong(0);
        TokenBucket sixty = new TokenBucket(60, 10, monotonic::get);
        int woken = 0;
        while (sixty.allows()) {
            sixty.spend();
            woken++;
        }
        assertThat(woken).isEqualTo(10);
        monotonic.set(3_000);
        assertThat(sixty.tokens()).as("one token a second").isEqualTo(3);

        TokenBucket unlimited = new TokenBucket(0, 10, monotonic::get);
        for (int i = 0; i < 1000; i++) {
            unlimited.spend();
        }
        assertThat(unlimited.allows()).isTrue();
    }

    /**
     * resume-rate.real-24.11.trace: POWER_UP of node[1-5] with ResumeRate=2: node1 at once (the full bucket), then one
     * node at the first scan after each 30 s mark of the monotonic clock, the scans 11 s apart: node2 11.7 s, node3
     * 44.7 s, node4 66.7 s (the recorded run's marks fell between 3.7 s and 6.7 s, +30, +60).
     */
    @ParameterizedTest
    @EnumSource(value = SlurmVersion.class, names = {"V24_11", "V26_05"})
    void resumeRateWakesOnePowerUpNodeAtTheFirstScanAfterEachRefillFrom2411(SlurmVersion version) {
        SimLab lab = lab(version, 30_000, 5.2, "ResumeRate=2", "ResumeTimeout=600");
        lab.at(0, () -> lab.controller.updateNode(NodeUpdate.state("node[1-5]", NodeStateRequest.POWER_UP)));
        lab.runUntil(70);

        assertThat(hosts(lab, HookKind.RESUME)).containsExactly("node1", "node2", "node3", "node4");
        assertThat(times(lab, HookKind.RESUME)).containsExactly(0.8, 11.8, 44.8, 66.8);
        assertThat(lab.state("node5")).isEqualTo("IDLE+CLOUD+POWER_UP+POWERED_DOWN");
    }

    /**
     * resume-rate-timeout-long.real-24.11.trace: a batch job's three nodes with ResumeRate=2: node1 in the scan after
     * the allocation, node2 alone in the next scan, where 22.05 woke node[1-2] in one call
     * (resume-rate-timeout-long.real-22.05.trace).
     */
    @ParameterizedTest
    @EnumSource(SlurmVersion.class)
    void jobNodesAreWokenOnePerCallFrom2411ButUpToTheRateOn2205(SlurmVersion version) {
        SimLab lab = lab(version, 30_000, 10.0, "ResumeRate=2", "ResumeTimeout=600");
        lab.runUntil(0);
        lab.controller.submit(JobRequest.sbatchWrap("hostname", Optional.of("node[1-3]"), OptionalInt.empty()),
                JobListener.NONE);
        lab.runUntil(20);

        if (version == SlurmVersion.V22_05) {
            assertThat(hosts(lab, HookKind.RESUME)).first().isEqualTo("node[1-2]");
        } else {
            assertThat(hosts(lab, HookKind.RESUME)).containsExactly("node1", "node2");
            assertThat(times(lab, HookKind.RESUME).get(1) - times(lab, HookKind.RESUME).get(0))
                    .as("the next scan, 11 s later").isCloseTo(11.0, within(0.01));
        }
    }

    /**
     * resume-timeout-psi30-batch.real-24.11.trace: with nothing changing, 24.11 and later scan every
     * power_save_interval + 1 s (wake 3.9 s, the next scan 34.9 s), 22.05 every power_save_interval (wake 4.0 s, the
     * next scan 34.0 s, which does not yet pass ResumeTimeout=30).
     */
    @ParameterizedTest
    @EnumSource(SlurmVersion.class)
    void idleScansComeEveryIntervalOn2205AndEveryIntervalPlusOneSecondFrom2411(SlurmVersion version) {
        SimLab lab = lab(version, 30_000, 0, "ResumeTimeout=15", "ReturnToService=0");
        lab.at(0.9, () -> lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_UP)));
        lab.runUntil(40);

        assertThat(times(lab, HookKind.RESUME)).containsExactly(1.8);
        double expected = version == SlurmVersion.V22_05 ? 21.8 : 23.8;
        assertThat(times(lab, HookKind.RESUME_FAIL)).as("ResumeTimeout=15 passed at the second scan after the wake")
                .containsExactly(expected);
    }

    /**
     * 22.05's {@code >=}: a request in the second of the scan that takes it brings another scan a second later, so
     * ResumeTimeout=10 fails 11 s after the wake (resume-timeout-no-slurmd.real-22.05.trace: 0.6 s / 11.6 s); a
     * request in an earlier second does not, and it fails 20 s after (return-to-service-0.real-22.05.trace: 0.7 s /
     * 20.7 s). 24.11 and later: 11 s either way.
     */
    @ParameterizedTest
    @EnumSource(SlurmVersion.class)
    void resumeTimeoutFailsElevenSecondsAfterTheWakeOn2205OnlyWhenTheRequestSharedTheScansSecond(SlurmVersion version) {
        SimLab sameSecond = lab(version, 30_000, 0, "ResumeTimeout=10", "ReturnToService=0");
        sameSecond.at(0.1, () -> sameSecond.controller.updateNode(
                NodeUpdate.state("node1", NodeStateRequest.POWER_UP)));
        sameSecond.runUntil(30);
        SimLab earlierSecond = SimLab.conf(dir.resolve("earlier"), TestConf.lab("ResumeTimeout=10",
                "ReturnToService=0", "NodeName=node1 State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=node1 Default=YES MaxTime=INFINITE State=UP")).version(version).start();
        earlierSecond.at(-0.1, () -> earlierSecond.controller.updateNode(
                NodeUpdate.state("node1", NodeStateRequest.POWER_UP)));
        earlierSecond.runUntil(30);

        assertThat(times(sameSecond, HookKind.RESUME)).containsExactly(0.8);
        assertThat(times(earlierSecond, HookKind.RESUME)).containsExactly(0.8);
        assertThat(times(sameSecond, HookKind.RESUME_FAIL)).containsExactly(11.8);
        assertThat(times(earlierSecond, HookKind.RESUME_FAIL))
                .containsExactly(version == SlurmVersion.V22_05 ? 20.8 : 11.8);
    }

    /**
     * privatedata-cloud-off.real-24.11.trace: the real 24.11 left a POWER_DOWN requested just after the scan of the
     * node's registration, in the same second, for the scan a power_save_interval + 1 s later (request 3.6 s,
     * suspend 14.9 s); the drop-ins do not reproduce that sub-second phase, and every version takes a change made
     * after the last scan at the next tick.
     */
    @ParameterizedTest
    @EnumSource(SlurmVersion.class)
    void powerDownJustAfterTheScanOfTheRegistrationIsTakenAtTheNextTick(SlurmVersion version) {
        SimLab lab = lab(version, 30_000, 0, "SuspendTime=300");
        lab.at(0, () -> lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_UP)));
        lab.at(2.9, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));
        lab.runUntil(3.85);
        assertThat(lab.state("node1")).isEqualTo("IDLE+CLOUD");

        lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_DOWN));
        lab.runUntil(20);

        assertThat(times(lab, HookKind.SUSPEND)).containsExactly(4.8);
    }

    /**
     * privatedata-cloud-on.real-24.11.trace: a POWER_DOWN in a later second than the last scan is taken by the next
     * tick on every version.
     */
    @ParameterizedTest
    @EnumSource(SlurmVersion.class)
    void powerDownInALaterSecondThanTheLastScanIsTakenAtTheNextTick(SlurmVersion version) {
        SimLab lab = lab(version, 30_000, 0, "SuspendTime=300");
        lab.at(0, () -> lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_UP)));
        lab.at(2.9, () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));
        lab.at(4.1, () -> lab.controller.updateNode(NodeUpdate.state("node1", NodeStateRequest.POWER_DOWN)));
        lab.runUntil(20);

        assertThat(times(lab, HookKind.SUSPEND)).containsExactly(4.8);
    }
}
