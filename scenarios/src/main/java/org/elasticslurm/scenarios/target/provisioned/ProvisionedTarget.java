package org.elasticslurm.scenarios.target.provisioned;

import java.util.Optional;
import org.elasticslurm.scenarios.model.Expectation;
import org.elasticslurm.scenarios.model.ProvisionerSetup;
import org.elasticslurm.scenarios.model.Scenario;
import org.elasticslurm.scenarios.model.Step;
import org.elasticslurm.scenarios.model.TargetKind;
import org.elasticslurm.scenarios.target.Target;
import org.elasticslurm.scenarios.target.TargetException;

/**
 * A target that runs the real provisioner (libvirt-test, qemu): which target it is, and what it cannot run or
 * check, come from its {@link ProvisionedLimits}; setting up its lab is its own.
 */
public abstract class ProvisionedTarget implements Target {
    private final ProvisionedLimits limits;

    /** @param limits what the target accepts of a scenario, and why not */
    protected ProvisionedTarget(ProvisionedLimits limits) {
        this.limits = limits;
    }

    @Override
    public final TargetKind kind() {
        return limits.target();
    }

    @Override
    public final Optional<String> cannotRun(Step.Action action) {
        return limits.cannotRun(action);
    }

    @Override
    public final Optional<String> cannotCheck(Expectation expectation) {
        return limits.cannotCheck(expectation);
    }

    /**
     * The scenario's provisioner section.
     *
     * @throws TargetException when the scenario has none, or a hook is not the provisioner's client
     */
    protected final ProvisionerSetup setupOf(Scenario scenario) {
        return limits.setupOf(scenario);
    }
}
