package org.elasticslurm.scenarios.lint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A SuspendTime shorter than a boot gives nodes back sooner than it takes to get one: a short gap between jobs
 * then costs a whole boot. Needs {@code --boot-time}.
 */
public final class SuspendTimeRule implements LintRule {
    @Override
    public String id() {
        return "suspend-time";
    }

    @Override
    public List<Finding> check(LintContext c) {
        Optional<Duration> boot = c.options().bootTime();
        if (boot.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        BootTimeRules.group(c, n -> c.conf().timeoutsFor(n.name()).suspendTime().duration(),
                p -> p.suspendTime().isPresent()).forEach((source, nodes) -> {
            if (source.value().compareTo(boot.get()) < 0) {
                out.add(BootTimeRules.finding(c, id(), Severity.WARNING, source, "SuspendTime", "SuspendTime="
                        + source.value().toSeconds() + " for " + LintContext.hostlist(nodes) + " is shorter than "
                        + "a boot (" + LintContext.seconds(boot.get()) + "): idle nodes are given back sooner than "
                        + "it takes to get one, so a short gap between jobs costs a whole boot; set SuspendTime >= "
                        + boot.get().toSeconds()));
            }
        });
        return out;
    }
}
