package org.elasticslurm.scenarios.lint;

import java.util.List;

/**
 * SuspendExcStates (Slurm 24.11 and later; 22.05 refuses the key, see {@link SlurmConfRule}) keeps nodes in the
 * given states from being powered down. The simulated slurmctld of {@code validate} and {@code simulate}
 * (fake-slurmctld) does not honour the key, whatever the version: a note, so that a site reading the simulated
 * trace knows.
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
                        + " does not power down idle nodes in these states; the simulation of validate and "
                        + "simulate does not honour the key (it powers such nodes down as if it were not set)")))
                .orElse(List.of());
    }
}
