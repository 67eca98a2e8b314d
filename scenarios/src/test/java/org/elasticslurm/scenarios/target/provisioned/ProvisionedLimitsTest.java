package org.elasticslurm.scenarios.target.provisioned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.elasticslurm.scenarios.model.Anchor;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.JobState;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.StepHeader;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.parse.ScenarioParser;
import org.elasticslurm.scenarios.target.TargetException;
import org.junit.jupiter.api.Test;

class ProvisionedLimitsTest {
    private static final Path LEVELS = Path.of(System.getProperty("scenarios.levels", "levels"));
    private static final Position AT = Position.wholeFile(Path.of("s.yaml"));
    private static final StepHeader STEP = new StepHeader(Optional.empty(), Optional.empty(), AT);
    private static final Expectation.ExpectationHeader EXPECT =
            new Expectation.ExpectationHeader(Optional.empty(), new Anchor.Start(), AT);

    private final ProvisionedLimits limits = new ProvisionedLimits(TargetKind.LIBVIRT_TEST, "no slurmd is started",
            Set.of(Component.SLURMD), c -> "only slurmd stops here, not " + c, "no node to run a command on",
            Optional.of("a job prints this machine's name"), Optional.of("the clients start no child processes"));

    private static Step.InjectFault fault(FaultKind kind) {
        return new Step.InjectFault(STEP, kind, Optional.empty(), OptionalInt.empty(), Optional.empty());
    }

    @Test
    void backendFaultsAreRefusedNamingTheTargetAndHowItExpressesNeverRegisters() {
        FaultKind other = java.util.Arrays.stream(FaultKind.values()).filter(f -> f != FaultKind.NEVER_REGISTERS)
                .findFirst().orElseThrow();

        assertThat(limits.cannotRun(fault(other))).hasValue("the real provisioner takes no injected backend "
                + "faults; on libvirt-test only never-registers (no slurmd is started) is expressed");
        assertThat(limits.cannotRun(fault(FaultKind.NEVER_REGISTERS))).isEmpty();
    }

    @Test
    void onlyTheStoppableComponentsStopOrRestartAndTheOthersGetTheTargetsReason() {
        assertThat(limits.cannotRun(new Step.Stop(STEP, Component.SLURMD, Optional.of("node1")))).isEmpty();
        assertThat(limits.cannotRun(new Step.Restart(STEP, Component.SLURMD, Optional.of("node1")))).isEmpty();
        assertThat(limits.cannotRun(new Step.Restart(STEP, Component.PROVISIONER, Optional.empty())))
                .hasValue("only slurmd stops here, not provisioner");
        assertThat(limits.cannotRun(new Step.Stop(STEP, Component.LIBVIRTD, Optional.empty())))
                .hasValue("only slurmd stops here, not libvirtd");
    }

    @Test
    void commandsRunOnTheControllerOnly() {
        assertThat(limits.cannotRun(new Step.RunCommand(STEP, "true", "controller", OptionalInt.of(0)))).isEmpty();
        assertThat(limits.cannotRun(new Step.RunCommand(STEP, "true", "node1", OptionalInt.of(0))))
                .hasValue("no node to run a command on");
        assertThat(limits.cannotRun(new Step.Submit(STEP, "srun", java.util.List.of("hostname")))).isEmpty();
    }

    @Test
    void defunctProcessesAndAJobsOutputAreNotCheckedWithTheReasonButItsStateIs() {
        assertThat(limits.cannotCheck(new Expectation.DefunctProcesses(EXPECT, true)))
                .hasValue("the clients start no child processes");
        assertThat(limits.cannotCheck(new Expectation.JobOutcome(EXPECT, "job1", Optional.empty(),
                Optional.of("node1\n"), Optional.empty()))).hasValue("a job prints this machine's name");
        assertThat(limits.cannotCheck(new Expectation.JobOutcome(EXPECT, "job1", Optional.of(JobState.COMPLETED),
                Optional.empty(), Optional.empty()))).isEmpty();
    }

    @Test
    void aTargetWhoseJobsPrintTheNodesNameChecksTheOutput() {
        ProvisionedLimits vms = new ProvisionedLimits(TargetKind.QEMU, "a user-data", Set.of(), c -> "no " + c,
                "controller only", Optional.empty(), Optional.empty());

        assertThat(vms.cannotCheck(new Expectation.JobOutcome(EXPECT, "job1", Optional.empty(),
                Optional.of("test1\n"), Optional.empty()))).isEmpty();
        assertThat(vms.cannotCheck(new Expectation.DefunctProcesses(EXPECT, false))).isEmpty();
        assertThat(vms.cannotRun(new Step.Stop(STEP, Component.SLURMD, Optional.of("test1")))).hasValue("no slurmd");
    }

    @Test
    void theProvisionerSectionOfAScenarioWithProvisionerHooksIsItsSetup() {
        Scenario level3 = new ScenarioParser().parse(LEVELS.resolve("level3.yaml"));

        assertThat(limits.setupOf(level3)).isEqualTo(level3.provisioner().orElseThrow());
    }

    @Test
    void aScenarioWithoutProvisionerSectionIsRefusedNamingTheTargetAndWhereItRuns() {
        Scenario level0 = new ScenarioParser().parse(LEVELS.resolve("level0.yaml"));

        assertThatThrownBy(() -> limits.setupOf(level0)).isInstanceOf(TargetException.class)
                .hasMessage(level0.name() + ": libvirt-test runs the provisioner, and the scenario has no "
                        + "provisioner: section (Levels 0 and 1 run on sim, fake-realtime and real-slurm; on qemu, "
                        + "persistent guests take a scenario without one whose hooks reach them, as "
                        + "ansible/level1-ansible.yaml)");
    }

    @Test
    void aHookOtherThanTheProvisionersClientIsRefusedNamingItsRole() {
        Scenario level3 = new ScenarioParser().parse(LEVELS.resolve("level3.yaml"));
        Map<HookRole, HookSpec> hooks = new java.util.EnumMap<>(level3.hooks());
        hooks.put(HookRole.SUSPEND, new HookSpec.Preset(HookPreset.NOOP, OptionalInt.empty(), AT));
        Scenario mixed = new Scenario(level3.file(), level3.name(), level3.description(), level3.slurmConf(), hooks,
                level3.targets(), level3.provisioner(), level3.sim(), level3.steps(), level3.expectations(),
                level3.timeout());

        assertThatThrownBy(() -> limits.setupOf(mixed)).isInstanceOf(TargetException.class)
                .hasMessage(level3.name() + ": on libvirt-test every hook is the provisioner's client (preset "
                        + "provisioner); the " + HookRole.SUSPEND + " hook is not");
    }

    @Test
    void twoHypervisorHostsAreRefusedOnATargetThatGivesOne() {
        Scenario level3 = new ScenarioParser().parse(LEVELS.resolve("level3.yaml"));
        var setup = level3.provisioner().orElseThrow();
        Scenario twoHosts = new Scenario(level3.file(), level3.name(), level3.description(), level3.slurmConf(),
                level3.hooks(), level3.targets(), Optional.of(new org.elasticslurm.scenarios.model.ProvisionerSetup(
                setup.pools(), setup.properties(), 2, setup.position())), level3.sim(), level3.steps(),
                level3.expectations(), level3.timeout());

        assertThatThrownBy(() -> limits.setupOf(twoHosts)).isInstanceOf(TargetException.class)
                .hasMessage(level3.name() + ": libvirt-test gives the provisioner one hypervisor host; provisioner "
                        + "hosts: 2 runs on qemu");
    }
}
