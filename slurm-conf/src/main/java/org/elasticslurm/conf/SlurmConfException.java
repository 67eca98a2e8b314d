package org.elasticslurm.conf;

/**
 * A slurm.conf that cannot be used. The message reads {@code file:line: rule: offending text}.
 */
public final class SlurmConfException extends RuntimeException {
    private final SourceLocation location;
    private final String offendingText;
    private final String rule;

    /**
     * @param location where the bad text stands
     * @param offendingText the text as written
     * @param rule the rule it breaks, in words
     * @param cause an underlying error (e.g. a {@link HostlistException}), or null
     */
    public SlurmConfException(SourceLocation location, String offendingText, String rule, Throwable cause) {
        super(location + ": " + rule + ": " + offendingText, cause);
        this.location = location;
        this.offendingText = offendingText;
        this.rule = rule;
    }

    /** Where the bad text stands. */
    public SourceLocation location() {
        return location;
    }

    /** The text as written. */
    public String offendingText() {
        return offendingText;
    }

    /** The broken rule, in words. */
    public String rule() {
        return rule;
    }
}
