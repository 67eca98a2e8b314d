package org.elasticslurm.provisioner.cloudinit;

import java.util.List;

/** A user-data template breaks a rule; the message names the template and every problem with its position. */
public class TemplateException extends IllegalArgumentException {
    private final List<String> problems;

    /**
     * @param source where the template came from (a path, or "built-in")
     * @param problems each problem, with line and column
     */
    public TemplateException(String source, List<String> problems) {
        super("user-data template " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found. */
    public List<String> problems() {
        return problems;
    }
}
