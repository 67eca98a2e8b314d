package org.elasticslurm.provisioner.pool;

import java.util.List;

/** The configuration cannot be used; the message lists every problem, each naming its key and the rule. */
public final class InvalidConfigException extends RuntimeException {
    private final List<String> problems;

    /** @param problems one line per problem: {@code key: rule (value)} */
    public InvalidConfigException(List<String> problems) {
        super("invalid provisioner configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @param problem one problem: {@code key: rule (value)} */
    public InvalidConfigException(String problem, Throwable cause) {
        super("invalid provisioner configuration:\n  - " + problem, cause);
        this.problems = List.of(problem);
    }

    /** The problems, one per element. */
    public List<String> problems() {
        return problems;
    }
}
