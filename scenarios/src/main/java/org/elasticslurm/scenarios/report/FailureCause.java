package org.elasticslurm.scenarios.report;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticslurm.scenarios.trace.LogLine;

/**
 * Why a scenario failed, in one line, for the top of its report: the run's set-up error; else slurmctld having
 * disabled power saving ({@code power saving is disabled: ResumeProgram /x is not executable}, from its own log
 * lines); else the first failed step; else the first failed expectation.
 *
 * @param text the cause in words
 * @param confKey the slurm.conf key it is about ({@code ResumeProgram}), when it is about one
 */
public record FailureCause(String text, Optional<String> confKey) {
    private static final Pattern DISABLED =
            Pattern.compile("power_save module disabled, (?:invalid (\\w+) (\\S+)|NULL (\\w+)|SuspendTime < 0)");
    private static final Pattern PROBLEM = Pattern.compile("power_save program (\\S+) (.+)$");

    /** The cause of a failed run; empty for a run that passed. */
    public static Optional<FailureCause> of(ScenarioResult r) {
        if (r.error().isPresent()) {
            return Optional.of(new FailureCause(r.error().get(), Optional.empty()));
        }
        if (r.passed()) {
            return Optional.empty();
        }
        Optional<FailureCause> powerSave = powerSaveDisabled(r.observations().log());
        if (powerSave.isPresent()) {
            return powerSave;
        }
        for (StepOutcome o : r.steps()) {
            if (o.status() == StepOutcome.Status.FAILED) {
                return Optional.of(new FailureCause("step " + o.index() + " (" + o.description() + ") failed: "
                        + o.detail(), Optional.empty()));
            }
        }
        for (ExpectationVerdict v : r.verdicts()) {
            if (v.verdict() == Verdict.FAILED || v.verdict() == Verdict.PENDING) {
                return Optional.of(new FailureCause("expect " + v.index() + " (" + v.description() + "): "
                        + v.detail(), Optional.empty()));
            }
        }
        return Optional.empty();
    }

    private static Optional<FailureCause> powerSaveDisabled(List<LogLine> log) {
        for (int i = 0; i < log.size(); i++) {
            Matcher m = DISABLED.matcher(log.get(i).text());
            if (!m.find()) {
                continue;
            }
            if (m.group(1) != null) {
                String key = m.group(1);
                String program = m.group(2);
                String problem = "is not valid";
                for (int j = i - 1; j >= 0; j--) {
                    Matcher p = PROBLEM.matcher(log.get(j).text());
                    if (p.find() && p.group(1).equals(program)) {
                        problem = wording(p.group(2));
                        break;
                    }
                }
                return Optional.of(new FailureCause("power saving is disabled: " + key + " " + program + " "
                        + problem, Optional.of(key)));
            } else if (m.group(3) != null) {
                return Optional.of(new FailureCause("power saving is disabled: " + m.group(3) + " is not set",
                        Optional.of(m.group(3))));
            }
            return Optional.of(new FailureCause("power saving is disabled: SuspendTime is INFINITE and no "
                    + "partition sets one", Optional.of("SuspendTime")));
        }
        return Optional.empty();
    }

    /** slurmctld's {@code not executable} as a sentence: {@code is not executable}. */
    private static String wording(String problem) {
        return problem.startsWith("has ") ? problem : "is " + problem;
    }
}
