package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.elasticslurm.conf.SlurmVersion;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.job.JobRequest;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerSaveRateTest {

    @TempDir
    Path dir;

    /**
     * 22.05's decaying counter, worked by hand: the first scan (0.8 s) wakes 2; the count then decays by 50/60 per
     * 10 s scan: 1.97 (the 1.8 s rescan after the allocation's node change), 1.64, 1.37 -> rounds to 1 at 21.8 s:
     * one more; 2.37 -> 1.97, 1.64, 1.37 at 51.8 s: one more; again at 81.8 s.
     */
    @Test
    void resumeRateTwoWakesTwoNodesAtOnceThenOneEveryThirtySeconds() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("ResumeRate=2", "ResumeTimeout=600",
                "NodeName=c[1-5] State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c[1-5] Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        new SimulatedSrun(lab.controller, lab.kernel, 5, 600, SlurmBehaviour.of(SlurmVersion.V22_05))
                .run(JobRequest.srunCount(5, List.of("hostname")));

        lab.runUntil(100);

        List<HookCall> resumes = lab.calls(HookKind.RESUME);
        assertThat(resumes).extracting(HookCall::hostlist).containsExactly("c[1-2]", "c3", "c4", "c5");
        assertThat(resumes).extracting(c -> SimLab.t(c.time()))
                .satisfiesExactly(t -> assertThat(t).isCloseTo(0.8, within(0.01)),
                        t -> assertThat(t).isCloseTo(21.8, within(0.01)),
                        t -> assertThat(t).isCloseTo(51.8, within(0.01)),
                        t -> assertThat(t).isCloseTo(81.8, within(0.01)));
        assertThat(resumes.get(1).invocation().resumeJson())
                .hasValue("{\"jobs\":[{\"job_id\":1,\"nodes\":\"c3\"}],\"all_nodes\":\"c3\"}");
        assertThat(lab.logLines()).contains("POWER: resume rate reached");
    }

    @Test
    void unlimitedResumeRateWakesAllNodesOfAJobInOneCall() {
        SimLab lab = SimLab.conf(dir, TestConf.lab("ResumeRate=0", "NodeName=c[1-5] State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c[1-5] Default=YES MaxTime=INFINITE State=UP")).start();
        lab.runUntil(0);
        new SimulatedSrun(lab.controller, lab.kernel, 5, 30, SlurmBehaviour.of(SlurmVersion.V22_05))
                .run(JobRequest.srunCount(5, List.of("hostname")));

        lab.runUntil(5);

        assertThat(lab.calls(HookKind.RESUME)).extracting(HookCall::hostlist).containsExactly("c[1-5]");
    }

    @Test
    void counterDecaysByTheFractionOfAMinuteSinceTheLastScanAndResetsAfterAMinute() {
        RateCounter counter = new RateCounter(0);
        counter.decay(60);
        counter.increment();
        counter.increment();

        counter.decay(30);
        assertThat(counter.value()).isCloseTo(1.0f, within(0.0001f));
        assertThat(counter.allows(2)).isTrue();
        assertThat(counter.allows(1)).isFalse();

        counter.decay(60);
        assertThat(counter.value()).isZero();
        assertThat(counter.allows(1)).isTrue();
    }

    @Test
    void zeroRateMeansUnlimited() {
        RateCounter counter = new RateCounter(0);
        for (int i = 0; i < 1000; i++) {
            counter.increment();
        }
        assertThat(counter.allows(0)).isTrue();
    }
}
