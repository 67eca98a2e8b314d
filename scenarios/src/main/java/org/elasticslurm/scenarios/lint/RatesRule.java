package org.elasticslurm.scenarios.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * ResumeRate (nodes per minute) below the burst size starves the burst: the nodes beyond the rate are not even
 * started until the rate counter decays, while their jobs wait. SuspendRate below it keeps the burst's nodes
 * powered longer afterwards. The burst is {@code --burst N}, else {@link LintOptions#defaultBurst(int)}.
 */
public final class RatesRule implements LintRule {
    @Override
    public String id() {
        return "rates";
    }

    @Override
    public List<Finding> check(LintContext c) {
        if (c.cloudNodes().isEmpty()) {
            return List.of();
        }
        int burst = c.options().burstOf(c.cloudNodes().size());
        String what = c.options().burst().isPresent() ? "a burst of " + burst + " nodes"
                : "a burst of " + LintOptions.describeDefaultBurst(c.cloudNodes().size());
        var ps = c.conf().powerSave();
        List<Finding> out = new ArrayList<>();
        if (ps.resumeRate() > 0 && burst > ps.resumeRate()) {
            long extraMinutes = (burst + ps.resumeRate() - 1L) / ps.resumeRate() - 1;
            out.add(c.atKey(id(), Severity.WARNING, "ResumeRate", "ResumeRate=" + ps.resumeRate() + " starves "
                    + what + ": only " + ps.resumeRate() + " are started per minute, the last about " + extraMinutes
                    + " min after the first while their jobs wait; set ResumeRate=" + burst + " or 0 (unlimited)"));
        }
        if (ps.suspendRate() > 0 && burst > ps.suspendRate()) {
            long minutes = (burst + ps.suspendRate() - 1L) / ps.suspendRate();
            out.add(c.atKey(id(), Severity.INFO, "SuspendRate", "SuspendRate=" + ps.suspendRate() + " gives back "
                    + what + " over about " + minutes + " min after it ends; they stay powered meanwhile"));
        }
        return out;
    }
}
