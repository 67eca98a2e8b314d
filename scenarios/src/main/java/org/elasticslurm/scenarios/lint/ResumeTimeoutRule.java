package org.elasticslurm.scenarios.lint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ResumeTimeout must exceed a boot (ResumeProgram to registered slurmd), with headroom: a node that has not
 * registered by then is marked DOWN and its jobs are requeued or killed. Needs {@code --boot-time}.
 */
public final class ResumeTimeoutRule implements LintRule {
    /** Less headroom than this fraction of the boot time is a warning. */
    static final double HEADROOM = 0.25;

    @Override
    public String id() {
        return "resume-timeout";
    }

    @Override
    public List<Finding> check(LintContext c) {
        Optional<Duration> boot = c.options().bootTime();
        if (c.cloudNodes().isEmpty()) {
            return List.of();
        }
        if (boot.isEmpty()) {
            return List.of(c.atFile(id(), Severity.INFO, "no boot time given (--boot-time): ResumeTimeout and "
                    + "SuspendTime were not compared with a boot"));
        }
        List<Finding> out = new ArrayList<>();
        Duration b = boot.get();
        BootTimeRules.group(c, n -> Optional.of(c.conf().timeoutsFor(n.name()).resumeTimeout()),
                p -> p.resumeTimeout().isPresent()).forEach((source, nodes) -> {
            Duration timeout = source.value();
            String where = "ResumeTimeout=" + timeout.toSeconds() + " for " + LintContext.hostlist(nodes);
            if (timeout.compareTo(b) <= 0) {
                out.add(BootTimeRules.finding(c, id(), Severity.ERROR, source, "ResumeTimeout", where
                        + " does not exceed the boot time " + LintContext.seconds(b) + ": nodes are marked DOWN "
                        + "(\"not resumed by ResumeTimeout\") before their slurmd registers; set ResumeTimeout to "
                        + "at least " + recommended(b)));
            } else if (timeout.toMillis() < b.toMillis() * (1 + HEADROOM)) {
                out.add(BootTimeRules.finding(c, id(), Severity.WARNING, source, "ResumeTimeout", where
                        + " leaves less than " + Math.round(HEADROOM * 100) + "% headroom over the boot time "
                        + LintContext.seconds(b) + ": a slower boot marks nodes DOWN; set at least " + recommended(b)));
            }
        });
        return out;
    }

    private static String recommended(Duration boot) {
        return (long) Math.ceil(boot.toMillis() * (1 + HEADROOM) / 1000.0) + " s";
    }
}
