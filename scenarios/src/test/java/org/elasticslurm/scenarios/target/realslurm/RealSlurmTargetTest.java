package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.lab.real.SlurmCommands;
import org.elasticslurm.scenarios.model.Anchor;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.StepHeader;
import org.elasticslurm.scenarios.model.TargetKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealSlurmTargetTest {

    @TempDir
    Path dir;

    private static final Position AT = Position.wholeFile(Path.of("s.yaml"));
    private static final StepHeader STEP = new StepHeader(Optional.empty(), Optional.empty(), AT);
    private static final Expectation.ExpectationHeader EXPECT =
            new Expectation.ExpectationHeader(Optional.empty(), new Anchor.Start(), AT);

    private final RealSlurmTarget target = RealSlurmTarget.debian();

    @Test
    void providerFaultsAndProvisionerLibvirtdAndSlurmctldRestartsAreNotApplicableWithTheReason() {
        assertThat(target.cannotRun(new Step.InjectFault(STEP, FaultKind.values()[0], Optional.empty(),
                OptionalInt.empty(), Optional.empty()))).hasValueSatisfying(why -> assertThat(why)
                .contains("runs no provisioner"));
        assertThat(target.cannotRun(new Step.Stop(STEP, Component.SLURMCTLD, Optional.empty())))
                .hasValueSatisfying(why -> assertThat(why).contains("one slurmctld for the whole run"));
        assertThat(target.cannotRun(new Step.Restart(STEP, Component.PROVISIONER, Optional.empty())))
                .hasValueSatisfying(why -> assertThat(why).contains("no provisioner"));
        assertThat(target.cannotRun(new Step.Stop(STEP, Component.LIBVIRTD, Optional.empty())))
                .hasValueSatisfying(why -> assertThat(why).contains("no libvirtd"));
    }

    @Test
    void slurmdStopsSubmitsCommandsAndScontrolUpdatesRun() {
        assertThat(target.cannotRun(new Step.Stop(STEP, Component.SLURMD, Optional.of("node1")))).isEmpty();
        assertThat(target.cannotRun(new Step.Submit(STEP, "srun", java.util.List.of("hostname")))).isEmpty();
        assertThat(target.cannotRun(new Step.RunCommand(STEP, "true", "controller", OptionalInt.of(0)))).isEmpty();
        assertThat(target.cannotRun(new Step.ScontrolUpdate(STEP, "node1", java.util.Map.of("state", "resume"))))
                .isEmpty();
    }

    @Test
    void noVmLeftIsNotApplicableAndDefunctProcessesAreChecked() {
        assertThat(target.cannotCheck(new Expectation.NoVmLeft(EXPECT)))
                .hasValueSatisfying(why -> assertThat(why).contains("runs no VMs"));
        assertThat(target.cannotCheck(new Expectation.DefunctProcesses(EXPECT, true))).isEmpty();
    }

    @Test
    void missingNamesEveryAbsentExecutable() {
        RealSlurmTarget nowhere = new RealSlurmTarget(new SlurmBinaries(TargetKind.REAL_SLURM,
                SlurmCommands.inDirectory("empty", dir), true, "install slurm-wlm"), dir, Clock.systemUTC());

        // commands are looked up in the given directory only (no inherited PATH)
        assertThat(nowhere.missing()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("real-slurm needs Debian's slurm-wlm and munge: missing slurmctld")
                .contains("slurmd (in", "scontrol (in", "srun (in"));
    }

    @Test
    void fakeRealtimeWithoutBuiltDropInsNamesTheDirectoryAndTheBuildCommand() {
        Path bin = dir.resolve("repo/fake-slurmctld/target/bin");
        RealSlurmTarget fake = new RealSlurmTarget(SlurmBinaries.fakeDropIns(bin), dir, Clock.systemUTC());

        assertThat(fake.kind()).isEqualTo(TargetKind.FAKE_REALTIME);
        assertThat(fake.missing()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("fake-realtime needs fake-slurmctld's drop-in commands in " + bin + ": missing slurmctld")
                .contains("mvn -B -o -pl fake-slurmctld -am package -DskipTests' in " + dir.resolve("repo"))
                .doesNotContain("munge"));
    }

    @Test
    void fakeRealtimeOpensNoLabWithoutTheDropInsAndSaysWhyAsUnavailable() {
        Path scenario = Path.of(System.getProperty("scenarios.levels", "levels")).resolve("level0.yaml");
        var loaded = new org.elasticslurm.scenarios.parse.ScenarioChecker(new org.elasticslurm.conf.SlurmConfParser())
                .check(new org.elasticslurm.scenarios.parse.ScenarioParser().parse(scenario));
        RealSlurmTarget fake = new RealSlurmTarget(SlurmBinaries.fakeDropIns(dir.resolve("bin")), dir.resolve("tmp"),
                Clock.systemUTC());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fake.open(loaded,
                        new org.elasticslurm.scenarios.target.ProgressListener() {
                        }))
                .isInstanceOf(org.elasticslurm.scenarios.target.TargetUnavailableException.class)
                .hasMessageContaining(dir.resolve("bin").toString()).hasMessageContaining("package -DskipTests");
        assertThat(dir.resolve("tmp")).doesNotExist();
    }

    @Test
    void theCheckoutsDropInsAreFoundFromAnyDirectoryInsideIt() throws java.io.IOException {
        Path repo = java.nio.file.Files.createDirectories(dir.resolve("repo/scenarios/target/classes"));
        java.nio.file.Files.createDirectories(dir.resolve("repo/fake-slurmctld"));
        java.nio.file.Files.writeString(dir.resolve("repo/fake-slurmctld/pom.xml"), "<project/>");

        assertThat(SlurmBinaries.checkoutOf(Optional.of(repo))).contains(dir.resolve("repo"));
        assertThat(SlurmBinaries.checkoutOf(Optional.of(dir))).isEmpty();
    }

    @Test
    void theFakeRealtimeHooksRunTheDropInsByAbsolutePath() {
        Path bin = dir.resolve("bin");
        HookScripts scripts = new HookScripts(dir.resolve("tools"), SlurmBinaries.fakeDropIns(bin));

        String hook = scripts.preset(org.elasticslurm.scenarios.model.HookRole.RESUME,
                org.elasticslurm.scenarios.model.HookPreset.REMOTE_SLURMD);
        assertThat(hook).contains("'" + bin.resolve("scontrol") + "' show hostnames", "'" + bin.resolve("slurmd")
                + "' -b -N").doesNotContain("/usr/bin/scontrol", "/usr/sbin/slurmd");
    }
}
