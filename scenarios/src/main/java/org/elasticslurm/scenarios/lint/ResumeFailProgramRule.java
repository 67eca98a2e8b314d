package org.elasticslurm.scenarios.lint;

import java.util.List;

/**
 * Without ResumeFailProgram, nodes that miss ResumeTimeout stay down~ with whatever their resume started (a
 * VM keeps running, an address stays leased): nothing cleans up.
 */
public final class ResumeFailProgramRule implements LintRule {
    @Override
    public String id() {
        return "resume-fail-program";
    }

    @Override
    public List<Finding> check(LintContext c) {
        if (c.cloudNodes().isEmpty() || c.conf().powerSave().resumeFailProgram().isPresent()) {
            return List.of();
        }
        return List.of(c.atFile(id(), Severity.WARNING, "no ResumeFailProgram: nodes that miss ResumeTimeout stay "
                + "down~ with whatever the resume started (a VM keeps running, an address stays leased); set "
                + "ResumeFailProgram to a program that cleans up (the provisioner's slurm-resume-fail)"));
    }
}
