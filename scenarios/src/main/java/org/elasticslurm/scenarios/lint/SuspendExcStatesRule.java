package org.elasticslurm.scenarios.lint;

import java.util.List;

/**
 * SuspendExcStates (Slurm 24.11 and later; 22.05 refuses the key, see {@link SlurmConfRule}) keeps nodes in the
 * given states from being powered down. The simulation of {@code validate} and {@code simulate} powers nodes
 * down as 22.05 does, so it does not honour the key: a note, so that a site reading the simulated trace knows.
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
                        + "simulate powers nodes down as Slurm 22.05 does (no such key) and does not honour it")))
                .orElse(List.of());
    }
}
