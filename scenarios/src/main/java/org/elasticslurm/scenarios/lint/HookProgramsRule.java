package org.elasticslurm.scenarios.lint;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.elasticslurm.conf.HookProgramRules;

/**
 * slurmctld's own checks of SuspendProgram, ResumeProgram and ResumeFailProgram (absolute, executable, not group or
 * world writable), worded as the Slurm version of the lint words them ({@link HookProgramRules#forVersion}): a bad
 * Suspend/ResumeProgram turns power saving off entirely, a bad ResumeFailProgram is dropped. Also: CLOUD nodes with
 * power saving not configured at all.
 */
public final class HookProgramsRule implements LintRule {
    private static final String HINT = "; lint on the controller, or stage its files in a directory and pass --root "
            + "DIR (an absolute program /p is then looked for at DIR/p)";

    /** The rule's id. */
    public static final String ID = "hook-programs";

    private final HookProgramRules ownPaths;

    /** @param rules the real daemon's program checks, on this machine's own paths */
    public HookProgramsRule(HookProgramRules rules) {
        this.ownPaths = rules;
    }

    @Override
    public String id() {
        return ID;
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
        HookProgramRules rules = c.options().root().map(HookProgramRules::under).orElse(ownPaths)
                .forVersion(c.version());
        var ps = c.conf().powerSave();
        required(c, rules, out, "SuspendProgram", ps.suspendProgram());
        required(c, rules, out, "ResumeProgram", ps.resumeProgram());
        ps.resumeFailProgram().ifPresent(p -> {
            String effect = "slurmctld drops ResumeFailProgram (power saving stays on), so failed resumes are not "
                    + "cleaned up";
            missing(rules, p).ifPresentOrElse(
                    m -> out.add(c.atKey(id(), Severity.WARNING, "ResumeFailProgram", m + "; if so on the controller, "
                            + effect + HINT)),
                    () -> rules.problem(p).ifPresent(problem -> out.add(c.atKey(id(), Severity.WARNING,
                            "ResumeFailProgram", problem + ": " + effect))));
        });
        return out;
    }

    private void required(LintContext c, HookProgramRules rules, List<Finding> out, String key,
                          Optional<String> program) {
        if (program.isEmpty()) {
            out.add(c.atKey(id(), Severity.ERROR, key, key + " is not set: slurmctld disables power saving "
                    + "(\"power_save module disabled, NULL " + key + "\")"));
            return;
        }
        Optional<String> missing = missing(rules, program.get());
        Optional<String> problem = rules.problem(program.get());
        if (missing.isPresent()) {
            out.add(c.atKey(id(), Severity.ERROR, key, missing.get() + "; if so on the controller, slurmctld disables "
                    + "power saving entirely (" + quoted(problem, rules.disabledLines(key, program.get())) + ")"
                    + HINT));
            return;
        }
        problem.ifPresent(p -> out.add(c.atKey(id(), Severity.ERROR, key, p + ": slurmctld disables power saving "
                + "entirely (" + quoted(Optional.empty(), rules.disabledLines(key, program.get())) + ")" + fix(p))));
    }

    /** The daemon's lines, each quoted, without their level prefixes: {@code "a", "b"}. */
    private static String quoted(Optional<String> problem, List<String> lines) {
        List<String> all = new ArrayList<>();
        problem.ifPresent(all::add);
        lines.stream().filter(l -> !l.startsWith("debug:")).map(l -> l.replaceFirst("^error: ", "")).forEach(all::add);
        return all.stream().map(l -> "\"" + l + "\"").collect(java.util.stream.Collectors.joining(", "));
    }

    /** "does not exist on this machine (looked for FILE)" for an absolute program whose file is missing. */
    private static Optional<String> missing(HookProgramRules rules, String program) {
        if (!program.startsWith("/")) {
            return Optional.empty();
        }
        Path file;
        try {
            file = rules.fileOf(program);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of("power_save program " + program + " does not exist on this machine (looked for " + file
                + ")");
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
