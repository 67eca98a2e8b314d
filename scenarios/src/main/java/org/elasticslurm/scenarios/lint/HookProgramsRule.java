package org.elasticslurm.scenarios.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.conf.HookProgramRules;

/**
 * slurmctld 22.05's own checks of SuspendProgram, ResumeProgram and ResumeFailProgram (absolute, executable,
 * not group or world writable): a bad Suspend/ResumeProgram turns power saving off entirely, a bad
 * ResumeFailProgram is dropped. Also: CLOUD nodes with power saving not configured at all.
 */
public final class HookProgramsRule implements LintRule {
    private final HookProgramRules rules;

    /** @param rules the real daemon's program checks */
    public HookProgramsRule(HookProgramRules rules) {
        this.rules = rules;
    }

    @Override
    public String id() {
        return "hook-programs";
    }

    @Override
    public List<Finding> check(LintContext c) {
        List<Finding> out = new ArrayList<>();
        boolean relevant = c.powerSaveConfigured() || !c.cloudNodes().isEmpty();
        if (!relevant) {
            return out;
        }
        if (!c.powerSaveConfigured()) {
            out.add(c.atKey(id(), Severity.ERROR, "SuspendTime", "power saving is off: SuspendTime is INFINITE and "
                    + "no partition sets one (\"power_save module disabled, SuspendTime < 0\"), so the CLOUD nodes "
                    + LintContext.hostlist(c.cloudNodes()) + " are never resumed and their jobs wait forever; set "
                    + "SuspendTime"));
        }
        var ps = c.conf().powerSave();
        required(c, out, "SuspendProgram", ps.suspendProgram());
        required(c, out, "ResumeProgram", ps.resumeProgram());
        ps.resumeFailProgram().ifPresent(p -> rules.problem(p).ifPresent(problem ->
                out.add(c.atKey(id(), Severity.WARNING, "ResumeFailProgram", problem + ": slurmctld drops "
                        + "ResumeFailProgram (power saving stays on), so failed resumes are not cleaned up"))));
        return out;
    }

    private void required(LintContext c, List<Finding> out, String key, Optional<String> program) {
        if (program.isEmpty()) {
            out.add(c.atKey(id(), Severity.ERROR, key, key + " is not set: slurmctld disables power saving "
                    + "(\"power_save module disabled, NULL " + key + "\")"));
            return;
        }
        rules.problem(program.get()).ifPresent(problem -> out.add(c.atKey(id(), Severity.ERROR, key,
                problem + ": slurmctld disables power saving entirely (\"power_save module disabled, invalid "
                        + key + " " + program.get() + "\")" + fix(problem))));
    }

    private static String fix(String problem) {
        if (problem.contains("write permission")) {
            return "; chmod go-w the program (slurmctld refuses group write too, not only world write)";
        }
        if (problem.contains("not absolute")) {
            return "; write the full path";
        }
        return "; install the program with mode 0755";
    }
}
