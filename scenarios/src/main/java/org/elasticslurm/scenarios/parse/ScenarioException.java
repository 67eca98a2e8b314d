package org.elasticslurm.scenarios.parse;

import java.util.List;
import java.util.Optional;
import org.elasticslurm.scenarios.model.Position;

/**
 * A scenario file that cannot be used. The message reads {@code file:line:column: problem}, naming the key and,
 * where there is a fixed set, the allowed keys or values, e.g.
 * {@code level0.yaml:12:5: unknown key 'tagret' in step; allowed: at, id, submit}.
 */
public final class ScenarioException extends RuntimeException {
    private final Position position;
    private final String problem;
    private final Optional<String> key;
    private final List<String> allowed;

    /**
     * @param position where the bad text stands
     * @param problem what is wrong, naming the key and the rule
     * @param key the key concerned, if any
     * @param allowed the allowed keys or values, if there is a fixed set
     * @param cause an underlying error, or null
     */
    public ScenarioException(Position position, String problem, Optional<String> key, List<String> allowed,
                             Throwable cause) {
        super(position + ": " + problem, cause);
        this.position = position;
        this.problem = problem;
        this.key = key;
        this.allowed = List.copyOf(allowed);
    }

    /** A problem with no fixed set of allowed values. */
    public ScenarioException(Position position, String problem) {
        this(position, problem, Optional.empty(), List.of(), null);
    }

    /** Where the bad text stands. */
    public Position position() {
        return position;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }

    /** The key concerned, if any. */
    public Optional<String> key() {
        return key;
    }

    /** The allowed keys or values, when there is a fixed set; else empty. */
    public List<String> allowed() {
        return allowed;
    }
}
