package org.elasticslurm.scenarios.lint;

import java.util.List;

/** One check of an elastic slurm.conf. */
public interface LintRule {
    /** Short id printed with each finding ({@code hook-permissions}). */
    String id();

    /** The findings for this configuration; empty when it is fine. */
    List<Finding> check(LintContext context);
}
