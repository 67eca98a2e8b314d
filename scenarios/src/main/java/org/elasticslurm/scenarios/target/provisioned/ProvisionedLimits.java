package org.elasticslurm.scenarios.target.provisioned;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.FaultKind;
import org.elasticslurm.scenarios.model.HookPreset;
import org.elasticslurm.scenarios.model.HookSpec;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * What a target that runs the real provisioner (libvirt-test, qemu) accepts of a scenario, with the reasons in that
 * target's words. Every such target needs the scenario's {@code provisioner:} section and the provisioner's
 * clients as all hooks and injects no backend fault but never-registers (the real provisioner takes none); which
 * components it stops or restarts, where it runs commands, whether a job's output names the node and whether it
 * finds defunct processes are its own.
 *
 * @param target         the target, named in every reason
 * @param neverRegisters how the target expresses never-registers, e.g. "the node's slurmd is not started"
 * @param stoppable      the components it stops and restarts in the middle of a run
 * @param notStoppable   why it does not stop or restart a component outside {@code stoppable}
 * @param nodeCommands   why it runs commands on the controller only
 * @param jobOutput      why a job's output does not name the node, or empty when it does
 * @param defunct        why it does not look for defunct processes, or empty when it does
 */
public record ProvisionedLimits(TargetKind target, String neverRegisters, Set<Component> stoppable,
                                Function<Component, String> notStoppable, String nodeCommands,
                                Optional<String> jobOutput, Optional<String> defunct) {

    public ProvisionedLimits {
        stoppable = Set.copyOf(stoppable);
    }

    /** Why the target cannot carry out the action, or empty when it can. */
    public Optional<String> cannotRun(Step.Action action) {
        if (action instanceof Step.InjectFault f && f.fault() != FaultKind.NEVER_REGISTERS) {
            return Optional.of("the real provisioner takes no injected backend faults; on " + target
                    + " only never-registers (" + neverRegisters + ") is expressed");
        }
        Component c = action instanceof Step.Stop s ? s.component()
                : action instanceof Step.Restart r ? r.component() : null;
        if (c != null && !stoppable.contains(c)) {
            return Optional.of(notStoppable.apply(c));
        }
        if (action instanceof Step.RunCommand r && !r.on().equals("controller")) {
            return Optional.of(nodeCommands);
        }
        return Optional.empty();
    }

    /** Why the target cannot observe the expectation, or empty when it can. */
    public Optional<String> cannotCheck(Expectation expectation) {
        if (expectation instanceof Expectation.JobOutcome j && j.output().isPresent()) {
            return jobOutput;
        }
        if (expectation instanceof Expectation.DefunctProcesses) {
            return defunct;
        }
        return Optional.empty();
    }

    /**
     * The scenario's provisioner section.
     *
     * @throws TargetException when the scenario has none, or a hook is not the provisioner's client
     */
    public ProvisionerSetup setupOf(Scenario scenario) {
        ProvisionerSetup setup = scenario.provisioner().orElseThrow(() -> new TargetException(scenario.name()
                + ": " + target + " runs the provisioner, and the scenario has no provisioner: section "
                + "(Levels 0 and 1 run on sim, fake-realtime and real-slurm; on qemu, persistent guests take a "
                + "scenario without one whose hooks reach them, as ansible/level1-ansible.yaml)", null));
        scenario.hooks().forEach((role, spec) -> {
            if (!(spec instanceof HookSpec.Preset p) || p.preset() != HookPreset.PROVISIONER) {
                throw new TargetException(scenario.name() + ": on " + target + " every hook is the provisioner's "
                        + "client (preset provisioner); the " + role + " hook is not", null);
            }
        });
        if (setup.hosts() > 1 && target != TargetKind.QEMU) {
            throw new TargetException(scenario.name() + ": " + target + " gives the provisioner one hypervisor host; "
                    + "provisioner hosts: " + setup.hosts() + " runs on qemu", null);
        }
        return setup;
    }
}
