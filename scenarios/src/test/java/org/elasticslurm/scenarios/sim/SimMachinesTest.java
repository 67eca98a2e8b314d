package org.elasticslurm.scenarios.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.elasticslurm.fake.api.VirtualClock;
import org.elasticslurm.provisioner.backend.BackendException;
import org.elasticslurm.provisioner.backend.MachineRequest;
import org.elasticslurm.provisioner.backend.PostConfigurer;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.Position;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.StepHeader;
import org.junit.jupiter.api.Test;

/** The sim target's machines as the provisioner's engine sees them, on the kernel's virtual clock. */
class SimMachinesTest {

    private static final Position AT = Position.wholeFile(Path.of("s.yaml"));
    private static final Duration BOOT = Duration.ofSeconds(20);

    private final VirtualClock kernel = new VirtualClock(Instant.parse("2026-01-05T08:00:00Z"), 1);
    private final BackendFaults faults = new BackendFaults();
    private final List<String> lab = new ArrayList<>();
    private final SimMachines machines = new SimMachines(kernel, new ProvisionerSetup(List.of(
            new ProvisionerSetup.Pool("cloud", "node[1-2]", ProvisionerSetup.Mode.CREATE, List.of("/usr/bin/true"), AT),
            new ProvisionerSetup.Pool("static", "node3", ProvisionerSetup.Mode.EXISTING, List.of(), AT)), Map.of(), AT),
            BOOT, faults, new SimMachines.Guests() {
                @Override
                public void slurmdStarted(String node) {
                    lab.add("slurmd started " + node + " at " + kernel.now());
                }

                @Override
                public void slurmdGone(String node) {
                    lab.add("slurmd gone " + node);
                }

                @Override
                public void log(String line) {
                    lab.add(line);
                }
            });

    private void inject(FaultKind kind, String nodes) {
        faults.inject(new Step.InjectFault(new StepHeader(Optional.empty(), Optional.empty(), AT), kind,
                Optional.of(nodes), OptionalInt.empty(), Optional.empty()));
    }

    @Test
    void aStartedMachineHasItsAddressAfterHalfTheBootAndStartsSlurmdWhenBooted() {
        Instant t0 = kernel.now();
        assertThat(machines.ensureRunning(new MachineRequest("node2", "cloud", "op-1")).address()).isEmpty();

        kernel.runUntil(t0.plus(BOOT.dividedBy(2)).minusMillis(1));
        assertThat(machines.address("node2")).isEmpty();
        kernel.runUntil(t0.plus(BOOT.dividedBy(2)));
        assertThat(machines.address("node2")).contains("127.0.100.2");
        assertThat(lab).isEmpty();
        kernel.runUntil(t0.plus(BOOT));
        assertThat(lab).containsExactly("slurmd started node2 at " + t0.plus(BOOT));
        assertThat(machines.left()).containsExactly("domain node2, volume node2.qcow2, seed node2-seed.iso");
    }

    @Test
    void aMachineReleasedWhileBootingNeverStartsSlurmdAndIsGone() {
        Instant t0 = kernel.now();
        machines.ensureRunning(new MachineRequest("node3", "static", "op-1"));
        assertThat(machines.left()).containsExactly("domain node3 (running)");

        machines.release("node3", "static");
        kernel.runUntil(t0.plus(BOOT.multipliedBy(2)));

        assertThat(lab).containsExactly("slurmd gone node3");
        assertThat(machines.left()).isEmpty();
        assertThat(machines.address("node3")).isEmpty();
    }

    @Test
    void aStartFaultFailsForGoodAndLeavesNoMachine() {
        inject(FaultKind.START_FAILS, "node3");

        assertThatThrownBy(() -> machines.ensureRunning(new MachineRequest("node3", "static", "op-1")))
                .isInstanceOfSatisfying(BackendException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessage("start failed (injected fault)");
        assertThat(machines.left()).isEmpty();
    }

    @Test
    void aReleaseFaultLeavesTheMachineButItsSlurmdIsGone() {
        machines.ensureRunning(new MachineRequest("node1", "cloud", "op-1"));
        inject(FaultKind.RELEASE_FAILS, "node1");

        assertThatThrownBy(() -> machines.release("node1", "cloud")).isInstanceOf(BackendException.class)
                .hasMessage("could not destroy the machine of node1 (injected fault)");
        kernel.runUntil(kernel.now().plus(BOOT));

        assertThat(lab).containsExactly("slurmd gone node1");
        assertThat(machines.left()).containsExactly("domain node1, volume node1.qcow2, seed node1-seed.iso");
    }

    @Test
    void thePostConfigFaultHitsTheNodeWhoseAddressWasHandedOut() {
        inject(FaultKind.POST_CONFIG_FAILS, "node2");
        machines.ensureRunning(new MachineRequest("node1", "cloud", "op-1"));
        machines.ensureRunning(new MachineRequest("node2", "cloud", "op-2"));
        kernel.runUntil(kernel.now().plus(BOOT));
        PostConfigurer post = machines.postConfigurer();

        assertThat(machines.address("node2")).isPresent();
        assertThat(post.run(List.of("/usr/bin/true"), Duration.ofMinutes(1)).exitCode()).isEqualTo(1);
        assertThat(machines.address("node1")).isPresent();
        assertThat(post.run(List.of("/usr/bin/true"), Duration.ofMinutes(1)).exitCode()).isZero();
    }
}
