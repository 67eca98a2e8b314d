package org.elasticslurm.scenarios.lint;

import java.util.List;

/**
 * SuspendExcStates (Slurm 24.11 and later; 22.05 refuses the key, see {@link SlurmConfRule}) keeps idle nodes in the
 * given states from being powered down for idleness; an admin's POWER_DOWN still powers them down. A note saying so,
 * as the simulated slurmctld of {@code validate} and {@code simulate} (fake-slurmctld) does it too; states the
 * version does not take are {@link SlurmConfRule}'s ("Invalid SuspendExcState X").
 */
public final class SuspendExcStatesRule implements LintRule {
    /** The rule's id. */
    public static final String ID = "suspend-exc-states";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext c) {
        return c.conf().parameter("SuspendExcStates").filter(v -> !v.isBlank()).map(v -> List.of(
                c.atKey(id(), Severity.INFO, "SuspendExcStates", "SuspendExcStates=" + v + ": Slurm " + c.version()
                        + " does not power down idle nodes in these states (an admin's POWER_DOWN still does);"
                        + " the simulation of validate and simulate does the same")))
                .orElse(List.of());
    }
}
