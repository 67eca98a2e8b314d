package org.elasticslurm.scenarios.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConfException;
import org.elasticslurm.conf.SlurmConfParser;
import org.elasticslurm.scenarios.model.Component;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.LoadedScenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.ProgressListener;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetException;
import org.elasticslurm.scenarios.target.TargetSession;

/**
 * The {@code sim} target: fake-slurmctld's emulation of slurmctld's power saving on a virtual clock, as the Slurm
 * version the scenario was loaded for ({@link LoadedScenario#version()}: its slurm.conf rules and behaviour), with
 * simulated slurmds, hook programs, jobs and provisioner. Needs nothing beyond Java; a scenario of minutes runs
 * in milliseconds. Shell commands, controller restarts, node weights and libvirtd are not modelled and are
 * reported not applicable.
 */
public final class SimTarget implements Target {

    private final SlurmConfParser parser;
    private final HookProgramRules hookRules;

    /** @param parser reads the scenario's slurm.conf once its placeholders are replaced */
    public SimTarget(SlurmConfParser parser) {
        this(parser, new HookProgramRules());
    }

    /**
     * @param parser    reads the scenario's slurm.conf once its placeholders are replaced
     * @param hookRules how the simulated slurmctld checks the hook program files (e.g. in a staged copy of the
     *                  controller's files, {@link HookProgramRules#under})
     */
    public SimTarget(SlurmConfParser parser, HookProgramRules hookRules) {
        this.parser = parser;
        this.hookRules = hookRules;
    }

    /** This target reading slurm.conf with another parser (another Slurm version's rules). */
    public SimTarget withParser(SlurmConfParser other) {
        return new SimTarget(other, hookRules);
    }

    @Override
    public TargetKind kind() {
        return TargetKind.SIM;
    }

    @Override
    public Optional<String> cannotRun(Step.Action action) {
        if (action instanceof Step.RunCommand) {
            return Optional.of("sim runs no shell commands (fake-realtime and real-slurm do)");
        }
        if (action instanceof Step.ScontrolUpdate u && u.settings().containsKey("weight")) {
            return Optional.of("node weights are not modelled by the simulated controller");
        }
        if (action instanceof Step.Stop s) {
            return component(s.component());
        }
        if (action instanceof Step.Restart r) {
            return component(r.component());
        }
        return Optional.empty();
    }

    private static Optional<String> component(Component c) {
        return switch (c) {
            case SLURMCTLD -> Optional.of("the simulated controller keeps no saved state, so a slurmctld stop or "
                    + "restart is not modelled");
            case LIBVIRTD -> Optional.of("sim has no libvirtd (its provisioner's machines are simulated)");
            case SECOND_HOST -> Optional.of("sim has no hypervisor hosts (its provisioner's machines are simulated)");
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<String> cannotCheck(Expectation expectation) {
        return Optional.empty();
    }

    @Override
    public TargetSession open(LoadedScenario scenario, ProgressListener progress) {
        SimLabFiles files;
        try {
            files = SimLabFiles.create(scenario.scenario(), parser.version() == scenario.version() ? parser
                    : new SlurmConfParser(scenario.version()));
        } catch (IOException e) {
            throw new TargetException("cannot write the sim lab's files: " + e.getMessage(), e);
        } catch (SlurmConfException e) {
            throw new TargetException("slurm.conf: " + e.getMessage(), e);
        }
        try {
            return new SimSession(scenario.scenario(), files, Duration.ZERO, hookRules, scenario.version());
        } catch (RuntimeException e) {
            files.delete();
            throw e instanceof TargetException t ? t : new TargetException("cannot start the simulated controller: "
                    + e.getMessage(), e);
        }
    }
}
