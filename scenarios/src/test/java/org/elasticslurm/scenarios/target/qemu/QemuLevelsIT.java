package org.elasticslurm.scenarios.target.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.LEVELS;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.assertAllPassed;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.stage;
import static org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels.stageNames;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.elasticslurm.scenarios.model.HookRole;
import org.elasticslurm.scenarios.report.ScenarioResult;
import org.elasticslurm.scenarios.target.ControllerKind;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.provisioned.ProvisionedLevels;
import org.elasticslurm.scenarios.target.provisioned.RunStages;
import org.elasticslurm.scenarios.trace.HookCall;
import org.elasticslurm.testsupport.cpu.CpuCost;
import org.elasticslurm.testsupport.cpu.CpuSlots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Levels 2 and 3, never-registers and two hypervisor hosts on real TCG VMs (qemu:///system) made by the real provisioner inside a lab
 * network namespace, with Debian's slurmctld and with fake-slurmctld's; Level 1 on persistent VMs with Debian's
 * ansible as the hooks' remote-execution tool, and Level 3 with an ansible-playbook post-configuration. The scenario files as they are (every
 * expectation must pass); each test then checks that the run left no domain, storage pool, namespace, process or
 * lab directory. Slow: a TCG guest boots in 40-150 s here. Its tests run one after the other (one guest boots at
 * a time), each holding every CPU slot ({@link CpuCost}) while its guests boot: the boot-time windows assume a
 * machine whose other core is not busy with more JVM-heavy labs; only labs that sleep run beside a guest. Once the
 * guests are past their boot ({@link GuestBootSlots}), the test gives its slots back while the run waits on
 * Slurm's timers.
 */
@CpuCost(Integer.MAX_VALUE)
@ExtendWith(QemuAvailable.class)
class QemuLevelsIT {

    @TempDir
    Path scratch;

    /** Processes this JVM had started before the test (other tests' lingering helpers are not this run's). */
    private Set<Long> before;

    /** The runs this test opened (other tests and other JVMs on the machine make qemu-target runs too). */
    private final List<String> runs = new ArrayList<>();

    /** Runs the file; {@code slots} gives back the test's CPU slots once the guests are past their boot. */
    private ScenarioResult run(Path file, ControllerKind controller, ProgressListener slots) {
        QemuTarget target = new QemuTarget(controller, Clock.systemUTC(), scratch);
        try {
            return ProvisionedLevels.run(file, target, slots);
        } finally {
            runs.addAll(target.runs());
        }
    }

    @BeforeEach
    @CpuCost(0) // lists this JVM's processes: no reason to wait for the test's slots twice
    void noteTheProcessesThatAlreadyRun() {
        before = ProvisionedLevels.childProcesses();
    }

    @AfterEach
    void nothingOfTheRunIsLeft() throws IOException {
        ProvisionedLevels.assertNoLabDirectoryIn(scratch);
        assertThat(lines("/usr/bin/virsh", "-q", "-c", "qemu:///system", "list", "--all", "--name"))
                .as("domains of the runs %s", runs).noneMatch(d -> runs.stream().anyMatch(r -> d.startsWith(r + "-")));
        assertThat(lines("/usr/bin/virsh", "-q", "-c", "qemu:///system", "pool-list", "--all", "--name"))
                .as("storage pools of the runs %s", runs).noneMatch(runs::contains);
        assertThat(lines("/usr/sbin/ip", "netns", "list")).as("lab namespaces of the runs %s", runs)
                .noneMatch(n -> runs.stream().anyMatch(r -> n.split(" ")[0].startsWith("esl-" + r)));
        ProvisionedLevels.assertNoProcessLeftBut(before, scratch);
    }

    @Test
    void level3WithDebiansSlurmctldCreatesAVmWhoseSlurmdRegistersAfterTheResumeAndPrintsItsName() {
        ScenarioResult r = run(LEVELS.resolve("level3.yaml"), ControllerKind.REAL,
                GuestBootSlots.onceRegistered(Set.of("test1"), CpuSlots.held()::lowerTo));

        assertAllPassed(r);
        assertThat(r.observations().jobs().get("job1").output()).isEqualTo("test1\n");
        assertThat(stage(r, "test1", RunStages.REGISTER).start()).as("registered after the resume request")
                .isGreaterThan(stage(r, "test1", RunStages.HOOK).start());
        assertThat(stage(r, "test1", RunStages.DESTROY)).isNotNull();
    }

    @Test
    void level3WithFakeSlurmctldRunsTheFakeSlurmdInsideTheVm() {
        ScenarioResult r = run(LEVELS.resolve("level3.yaml"), ControllerKind.FAKE,
                GuestBootSlots.onceRegistered(Set.of("test1"), CpuSlots.held()::lowerTo));

        assertAllPassed(r);
        assertThat(r.observations().jobs().get("job1").output()).isEqualTo("test1\n");
    }

    @Test
    void level2WithDebiansSlurmctldStartsTheDefinedDomainsAndShutsThemOffAgain() {
        ScenarioResult r = run(LEVELS.resolve("level2.yaml"), ControllerKind.REAL,
                GuestBootSlots.onceRegistered(Set.of("node1", "node2"), CpuSlots.held()::lowerTo));

        assertAllPassed(r);
        assertThat(r.hookCalls()).extracting(HookCall::hook).containsExactly(HookRole.RESUME, HookRole.SUSPEND);
    }

    @Test
    void aVmWhoseSlurmdNeverStartsEndsDownAfterResumeTimeoutAndIsDestroyed() {
        ScenarioResult r = run(LEVELS.resolveSibling("failures").resolve("never-registers.yaml"),
                ControllerKind.REAL, GuestBootSlots.onceLeased(Set.of("test1"), CpuSlots.held()::lowerTo));

        assertAllPassed(r);
        assertThat(stageNames(r, "test1"))
                .contains(RunStages.CREATE, QemuGuests.LEASE, RunStages.DESTROY).doesNotContain(RunStages.REGISTER);
    }

    @Test
    void twoHypervisorHostsTakeTheResumesAndAStoppedHostFailsOnlyTheNodePinnedToIt() {
        ScenarioResult r = run(LEVELS.resolveSibling("hosts").resolve("two-hypervisors.yaml"), ControllerKind.REAL,
                GuestBootSlots.onceRegistered(Set.of("test5", "test6", "test8"), CpuSlots.held()::lowerTo));

        assertAllPassed(r);
        assertThat(stageNames(r, "test7")).as("pinned to the stopped host").doesNotContain(RunStages.REGISTER);
        assertThat(r.observations().jobs().get("job4").output()).isEqualTo("test8\n");
    }

    private static final Path ANSIBLE = LEVELS.resolveSibling("ansible");

    @Test
    void level1WithRealAnsibleAsFirstWrittenStartsNoSlurmdSinceAnsibleInheritsTheHooksClosedDescriptors() {
        ScenarioResult r = run(ANSIBLE.resolve("level1-ansible.yaml"), ControllerKind.REAL,
                GuestBootSlots.onceStarted(CpuSlots.held()::lowerTo));

        assertAllPassed(r);
        assertThat(r.hookCalls()).extracting(HookCall::hook).containsExactly(HookRole.RESUME, HookRole.RESUME_FAIL);
        assertThat(r.observations().defunctProcesses()).hasValue(List.of());
    }

    @Test
    void level1WithRealAnsibleInTheFixedFormStartsSlurmdInTheVmAndLeavesNothingBehind() {
        ScenarioResult r = run(ANSIBLE.resolve("level1-ansible-fixed.yaml"), ControllerKind.REAL,
                GuestBootSlots.onceRegistered(Set.of("node1"), CpuSlots.held()::lowerTo));

        assertAllPassed(r);
        assertThat(r.observations().jobs().get("job1").output()).isEqualTo("node1\n");
        assertThat(r.observations().defunctProcesses()).hasValue(List.of());
    }

    @Test
    void level3WithAnAnsiblePlaybookAsPostConfigurationShowsThePlaybooksOutputInTheOperationLog() {
        ScenarioResult r = run(ANSIBLE.resolve("level3-ansible.yaml"), ControllerKind.REAL,
                GuestBootSlots.onceRegistered(Set.of("test1"), CpuSlots.held()::lowerTo));

        assertAllPassed(r);
        assertThat(r.observations().log()).filteredOn(l -> l.source().equals("provisioner"))
                .anyMatch(l -> l.text().contains("post-config succeeded") && l.text().contains("PLAY RECAP"));
        assertThat(r.observations().jobs().get("job1").output()).isEqualTo("test1\n");
    }

    private static List<String> lines(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
