package org.elasticslurm.fake.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.fake.hook.HookCall;
import org.elasticslurm.fake.hook.HookExit;
import org.elasticslurm.fake.hook.HookKind;
import org.elasticslurm.fake.hook.HookOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconfigureAndShutdownTest {

    private static final String NODES = "NodeName=c[1-2] State=CLOUD CPUs=1";
    private static final String PARTITION = "PartitionName=debug Nodes=c[1-2] Default=YES MaxTime=INFINITE State=UP";

    @TempDir
    Path dir;

    private CommandResult reconfigure(SimLab lab, String text) throws IOException {
        Path file = dir.resolve("slurm.conf");
        Files.writeString(file, text.replace("$LAB", dir.toString()).replace("$HOST", "labhost"));
        SlurmConf conf = new SlurmConfParser().parse(file);
        return lab.controller.reconfigure(conf, new HookProgramRules().verdict(conf));
    }

    @Test
    void fixingTheResumeProgramsPermissionsAndReconfiguringWakesTheWaitingJobsNodes() throws IOException {
        SimLab lab = SimLab.conf(dir, TestConf.lab(NODES, PARTITION)).resumeMode("rwxrwxr-x").start();
        lab.runUntil(0);
        lab.srun("c1", "hostname");
        lab.runUntil(20);
        assertThat(lab.calls(HookKind.RESUME)).isEmpty();
        assertThat(lab.state("c1")).isEqualTo("ALLOCATED+CLOUD+POWERED_DOWN");

        Files.setPosixFilePermissions(dir.resolve("hooks/resume"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(reconfigure(lab, TestConf.lab(NODES, PARTITION)).ok()).isTrue();
        lab.runUntil(25);

        assertThat(lab.calls(HookKind.RESUME)).extracting(HookCall::hostlist).containsExactly("c1");
        assertThat(lab.calls(HookKind.RESUME).get(0).invocation().resumeJson())
                .hasValue("{\"jobs\":[{\"job_id\":1,\"nodes\":\"c1\"}],\"all_nodes\":\"c1\"}");
        assertThat(lab.controller.powerSaveEnabled()).isTrue();
    }

    @Test
    void disablingPowerSavingByReconfigureStopsTheThreadAndRefusesPowerRequests() throws IOException {
        SimLab lab = SimLab.conf(dir, TestConf.lab(NODES, PARTITION)).start();
        lab.runUntil(0);

        reconfigure(lab, TestConf.lab("SuspendTime=INFINITE", NODES, PARTITION));
        lab.runUntil(3);

        assertThat(lab.logLines()).containsSubsequence("power_save mode has been disabled due to configuration changes",
                "debug:  power_save mode not enabled, stopping power_save thread");
        assertThat(lab.controller.updateNode(NodeUpdate.state("c1", NodeStateRequest.POWER_UP)).error())
                .hasValue(SlurmError.INVALID_NODE_STATE);
        assertThat(lab.state("c1")).as("power flags stay while both programs are configured")
                .isEqualTo("IDLE+CLOUD+POWERED_DOWN");
    }

    @Test
    void removingTheProgramsClearsThePowerFlags() throws IOException {
        SimLab lab = SimLab.conf(dir, TestConf.lab(NODES, PARTITION)).start();
        lab.runUntil(0);

        reconfigure(lab, TestConf.lab(NODES, PARTITION).replace("SuspendProgram=$LAB/hooks/suspend\n", ""));

        assertThat(lab.logLines()).contains("Cleared POWER_SAVE flag from nodes c[1-2]",
                "error: power_save module disabled, NULL SuspendProgram");
        assertThat(lab.state("c1")).isEqualTo("IDLE+CLOUD");
    }

    @Test
    void reconfigureRefusesAnotherNodeSet() throws IOException {
        SimLab lab = SimLab.conf(dir, TestConf.lab(NODES, PARTITION)).start();
        lab.runUntil(0);

        CommandResult result = reconfigure(lab, TestConf.lab("NodeName=c[1-3] State=CLOUD CPUs=1",
                "PartitionName=debug Nodes=c[1-3] Default=YES MaxTime=INFINITE State=UP"));

        assertThat(result.error()).hasValue(SlurmError.NOT_SUPPORTED);
    }

    @Test
    void shutdownWaitsUpToTenSecondsForRunningProgramsThenOrphansThem() {
        SimLab lab = SimLab.conf(dir, TestConf.lab(NODES, PARTITION)).start();
        lab.hooks.behave(HookKind.RESUME, i -> new HookOutcome(Duration.ofSeconds(120), HookExit.success()));
        lab.runUntil(0);
        lab.controller.updateNode(NodeUpdate.state("c1", NodeStateRequest.POWER_UP));
        lab.runUntil(2);
        AtomicReference<Instant> stopped = new AtomicReference<>();

        lab.controller.shutdown(() -> stopped.set(lab.kernel.now()));
        lab.runUntil(30);

        assertThat(stopped.get()).isNotNull();
        assertThat(SimLab.t(stopped.get())).isCloseTo(12.8, within(0.01));
        assertThat(lab.logLines()).containsSubsequence("power_save: waiting for 1 processes to complete",
                "error: power_save: orphaning 1 processes which are not terminating so slurmctld can exit",
                "error: power_save: orphaning process 4000");
        assertThat(lab.controller.isRunning()).isFalse();
    }

    @Test
    void shutdownWithoutRunningProgramsStopsAtTheNextRound() {
        SimLab lab = SimLab.conf(dir, TestConf.lab(NODES, PARTITION)).start();
        lab.runUntil(0);
        AtomicReference<Instant> stopped = new AtomicReference<>();

        lab.controller.shutdown(() -> stopped.set(lab.kernel.now()));
        lab.runUntil(5);

        assertThat(SimLab.t(stopped.get())).isCloseTo(0.8, within(0.01));
    }

    @Test
    void failingProgramsAreReportedWithTheirExitStatusOrSignal() {
        SimLab lab = SimLab.conf(dir, TestConf.lab(NODES, PARTITION)).start();
        lab.hooks.behave(HookKind.RESUME, i -> new HookOutcome(Duration.ofMillis(100), new HookExit.Exited(2)));
        lab.hooks.behave(HookKind.SUSPEND, i -> new HookOutcome(Duration.ofMillis(100), new HookExit.Signaled(15)));
        lab.runUntil(0);

        lab.controller.updateNode(NodeUpdate.state("c1", NodeStateRequest.POWER_UP));
        lab.controller.updateNode(NodeUpdate.state("c2", NodeStateRequest.POWER_DOWN));
        lab.runUntil(3);

        assertThat(lab.logLines()).contains("error: power_save: program exit status of 2",
                "error: power_save: program signaled: Terminated");
        assertThat(SimLab.t(lab.firstLog("exit status of 2").orElseThrow().time()))
                .as("reaped at the next one-second round").isCloseTo(1.8, within(0.01));
        long resumePid = lab.calls(HookKind.RESUME).get(0).pid();
        assertThat(lab.hooks.releasedAt(resumePid)).hasValueSatisfying(t -> assertThat(SimLab.t(t))
                .isCloseTo(1.8, within(0.01)));
    }
}
