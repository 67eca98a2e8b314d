package org.elasticslurm.conf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A slurm.conf that cannot be used. It carries every error found in one parse ({@link #errors()}); the accessors
 * {@link #location()}, {@link #offendingText()} and {@link #rule()} describe the first. The message reads
 * {@code file:line: rule: offending text}, one line per error.
 */
public final class SlurmConfException extends RuntimeException {
    private final List<ConfError> errors;

    /**
     * One error.
     *
     * @param location where the bad text stands
     * @param offendingText the text as written
     * @param rule the rule it breaks, in words
     * @param cause an underlying error (e.g. a {@link HostlistException}), or null
     */
    public SlurmConfException(SourceLocation location, String offendingText, String rule, Throwable cause) {
        this(List.of(new ConfError(location, offendingText, rule)), cause);
    }

    private SlurmConfException(List<ConfError> errors, Throwable cause) {
        super(errors.stream().map(ConfError::toString).collect(Collectors.joining("\n")), cause);
        this.errors = List.copyOf(errors);
    }

    /**
     * Every error of a parse, in the order found.
     *
     * @param cause the underlying error of the first one, or null
     * @throws IllegalArgumentException when the list is empty
     */
    public static SlurmConfException of(List<ConfError> errors, Throwable cause) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a SlurmConfException needs at least one error");
        }
        return new SlurmConfException(errors, cause);
    }

    /** Every error found, in order; at least one. */
    public List<ConfError> errors() {
        return errors;
    }

    /** Where the (first) bad text stands. */
    public SourceLocation location() {
        return errors.get(0).location();
    }

    /** The (first) text as written. */
    public String offendingText() {
        return errors.get(0).offendingText();
    }

    /** The (first) broken rule, in words. */
    public String rule() {
        return errors.get(0).rule();
    }
}
