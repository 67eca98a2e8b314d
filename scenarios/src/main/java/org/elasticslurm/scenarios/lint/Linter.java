package org.elasticslurm.scenarios.lint;

import java.util.ArrayList;
import java.util.List;
import org.elasticslurm.conf.HookProgramRules;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfException;
import org.elasticslurm.conf.SlurmVersion;

/** Runs the lint rules over a parsed slurm.conf. */
public final class Linter {
    private final List<LintRule> rules;

    /** @param rules the rules, in the order their findings are reported for the same line */
    public Linter(List<LintRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Every rule of this module. */
    public static Linter standard(HookProgramRules hookRules) {
        return new Linter(List.of(new SlurmConfRule(), new HookProgramsRule(hookRules), new CloudCpusRule(), new TreeWidthRule(),
                new StaticNodesSuspendableRule(), new ResumeTimeoutRule(), new SuspendTimeRule(), new RatesRule(),
                new ResumeFailProgramRule(), new SuspendExcStatesRule()));
    }

    /** The ids of the rules, in order. */
    public List<String> ruleIds() {
        return rules.stream().map(LintRule::id).toList();
    }

    /**
     * The findings for a slurm.conf the parser refused: each of its errors, as a {@link SlurmConfRule} error at
     * its file and line. No other rule runs.
     */
    public LintReport refused(SlurmConfException refusal) {
        return new LintReport(refusal.errors().stream().map(SlurmConfRule::finding).toList());
    }

    /** The rules' findings for a configuration read from {@code conf.source()}, meant for {@code version}. */
    public LintReport lint(SlurmConf conf, LintOptions options, SlurmVersion version) {
        LintContext context = new LintContext(conf, options, version);
        List<Finding> findings = new ArrayList<>();
        for (LintRule rule : rules) {
            findings.addAll(rule.check(context));
        }
        return new LintReport(findings);
    }
}
