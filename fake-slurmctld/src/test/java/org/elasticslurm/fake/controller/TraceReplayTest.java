package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.sim.cluster.SimulatedSrun;
import org.elasticslurm.fake.sim.cluster.SlurmdStart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the recorded runs of the real slurmctld 22.05 (shared/traces) on the virtual clock and compares state
 * sequences and hook call times. The real states were sampled every 0.5 s, so a change seen at t happened in
 * (t - 0.5, t]; the simulation is sampled every 0.1 s.
 */
class TraceReplayTest {

    private static final double SAMPLING = 0.5;

    @TempDir
    Path dir;

    @Test
    void level0ResumesOnSubmitSuspendsOnTheTenSecondGridAndPowersDownAfterSuspendTimeout() {
        RealTrace real = RealTrace.load("level0.real-22.05.trace");
        SimLab lab = SimLab.conf(dir, SimLab.resource("level0.slurm.conf")).start();

        lab.runUntil(0);
        List<SimLab.StateChange> sim = new ArrayList<>();
        sim.add(new SimLab.StateChange(0, lab.state("node1")));
        SimulatedSrun srun = lab.srun("node1", "hostname");
        lab.kernel.schedule(SimLab.at(real.time("slurmd", "node1")), 0,
                () -> lab.startSlurmd("node1", SlurmdStart.FRESH_BOOT));
        sim.addAll(lab.record("node1", 40, 100));
        List<SimLab.StateChange> merged = dedupe(sim);

        assertMatchesSampledTrace(merged, real.states("node1"), 40);

        List<HookCall> resumes = lab.calls(HookKind.RESUME);
        List<HookCall> suspends = lab.calls(HookKind.SUSPEND);
        assertThat(resumes).extracting(HookCall::hostlist).containsExactly("node1");
        assertThat(suspends).extracting(HookCall::hostlist).containsExactly("node1");
        assertThat(SimLab.t(resumes.get(0).time())).as("resume hook time")
                .isCloseTo(real.time("hook", "resume"), within(0.2));
        assertThat(SimLab.t(suspends.get(0).time())).as("suspend hook time")
                .isCloseTo(real.time("hook", "suspend"), within(0.2));
        assertThat(lab.calls(HookKind.RESUME_FAIL)).isEmpty();

        assertThat(srun.stdout()).containsExactly("node1");
        assertThat(srun.exitCode()).hasValue(0);
        assertThat(resumes.get(0).invocation().resumeJson())
                .hasValue("{\"jobs\":[{\"job_id\":1,\"nodes\":\"node1\"}],\"all_nodes\":\"node1\"}");
        assertThat(resumes.get(0).invocation().environment())
                .containsExactly(java.util.Map.entry("SLURM_CONF", dir.resolve("slurm.conf").toString()));
        assertThat(lab.logLines()).contains("Node node1 now responding",
                "_pick_step_nodes: Configuration for JobId=1 is complete",
                "Resetting JobId=1 start time for node power up");
    }

    @Test
    void permsGroupWritableResumeProgramDisablesPowerSavingAndTheJobWaitsForever() {
        RealTrace real = RealTrace.load("perms.real-22.05.trace");
        SimLab lab = SimLab.conf(dir, SimLab.resource("perms.slurm.conf")).resumeMode("rwxrwxr-x").start();

        lab.runUntil(0);
        List<SimLab.StateChange> sim = new ArrayList<>();
        sim.add(new SimLab.StateChange(0, lab.state("node1")));
        lab.srun("node1", "hostname");
        sim.addAll(lab.record("node1", 12, 100));

        assertMatchesSampledTrace(dedupe(sim), real.states("node1"), 12);
        assertThat(lab.hooks.calls()).isEmpty();
        assertThat(lab.controller.powerSaveEnabled()).isFalse();
        List<String> expectedLog = real.lines().stream().filter(l -> l.kind().equals("log"))
                .map(l -> l.text().replace("$LAB", dir.toString())).toList();
        assertThat(lab.logLines()).containsSubsequence(expectedLog);
        assertThat(lab.controller.job(1).orElseThrow().stateCode()).isEqualTo("CF");
    }

    /**
     * The real trace was sampled every 0.5 s: each real state must appear in the simulation in the same order,
     * first seen at most 0.5 s (plus 0.2 s slack) before the real sample; a simulated state the real trace lacks
     * must have lasted less than the sampling period (a 0.5 s sampler can miss it).
     */
    private static void assertMatchesSampledTrace(List<SimLab.StateChange> sim, List<SimLab.StateChange> real,
                                                  double end) {
        int r = 0;
        for (int i = 0; i < sim.size(); i++) {
            SimLab.StateChange s = sim.get(i);
            double until = i + 1 < sim.size() ? sim.get(i + 1).time() : end;
            if (r < real.size() && real.get(r).state().equals(s.state())) {
                assertThat(s.time()).as("time the simulation reached %s (real sample at %s)", s.state(),
                        real.get(r).time()).isBetween(real.get(r).time() - SAMPLING - 0.2, real.get(r).time() + 0.2);
                r++;
            } else {
                assertThat(until - s.time()).as("simulated state %s at %s, absent from the real trace, lasted",
                        s.state(), s.time()).isLessThan(SAMPLING);
            }
        }
        assertThat(r).as("real states matched in order; real: %s simulated: %s", real, sim).isEqualTo(real.size());
    }

    private static List<SimLab.StateChange> dedupe(List<SimLab.StateChange> changes) {
        List<SimLab.StateChange> out = new ArrayList<>();
        for (SimLab.StateChange c : changes) {
            if (out.isEmpty() || !out.get(out.size() - 1).state().equals(c.state())) {
                out.add(c);
            }
        }
        return out;
    }
}
