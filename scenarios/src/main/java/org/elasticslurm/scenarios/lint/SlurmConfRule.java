package org.elasticslurm.scenarios.lint;

import java.util.List;
import org.elasticslurm.conf.ConfError;

/**
 * What the parser says about the file itself, with the real slurmctld's words: its errors (an unknown or removed
 * key, a plugin the version lacks, a bad value or count: the daemon would not start) and its warnings (values it
 * logs and ignores or corrects), each at its own file and line, an included file's too.
 */
public final class SlurmConfRule implements LintRule {

    /** The rule's id. */
    public static final String ID = "slurm-conf";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext c) {
        return c.conf().warnings().stream().map(w -> new Finding(ID, Severity.WARNING, w.location().file(),
                w.location().line(), w.message())).toList();
    }

    /** A parser error as an error finding. */
    static Finding finding(ConfError error) {
        return new Finding(ID, Severity.ERROR, error.location().file(), error.location().line(),
                error.rule() + ": " + error.offendingText());
    }
}
