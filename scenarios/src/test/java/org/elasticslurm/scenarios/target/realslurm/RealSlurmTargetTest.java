package org.elasticslurm.scenarios.target.realslurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.fake.reference.SlurmCommands;
import org.elasticslurm.scenarios.model.Anchor;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.StepHeader;
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
        RealSlurmTarget nowhere = new RealSlurmTarget(SlurmCommands.inDirectory("empty", dir),
                dir, Clock.systemUTC());

        // commands are looked up in the given directory only (no inherited PATH)
        assertThat(nowhere.missing()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("real-slurm needs Debian's slurm-wlm and munge: missing slurmctld")
                .contains("slurmd (in", "scontrol (in", "srun (in"));
    }
}
